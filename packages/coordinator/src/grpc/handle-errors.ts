/**
 * The one place a handler's failure becomes a gRPC status. Fedra errors keep
 * their status, message and identifiers, and travel with the
 * `fedra-error-code` trailer and a `google.rpc.ErrorInfo` in
 * `grpc-status-details-bin` (see `toGrpcStatus` in `@fedra/common`).
 * Anything else is a bug: it is logged with its cause and sent as a bare
 * INTERNAL "internal error", so no stack, path or secret leaves the process.
 *
 * @module
 */
import { Metadata, status as GrpcJsStatus } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { FedraError, GrpcStatus, toGrpcStatus } from '@fedra/common';
import type { Logger } from '@fedra/common';

/** Options for {@link handleErrors}. */
export interface HandleErrorsOptions {
  /** Receives unexpected failures (with their cause) and refusals. */
  readonly logger: Logger;
  /** The full method path, for the log line. */
  readonly rpc: string;
  /**
   * `google.rpc.ErrorInfo.domain`.
   * @default 'fedra.dev'
   */
  readonly domain?: string | undefined;
}

/** Statuses worth a warning: someone tried something they may not do. */
const SECURITY_STATUSES: ReadonlySet<number> = new Set([
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.PERMISSION_DENIED,
]);

/**
 * Turns anything a handler threw into the error grpc-js sends as the call's
 * status (pass it to a unary callback, or `call.emit('error', …)` on a
 * stream), and logs it:
 *
 * - not a FedraError, or a FedraError whose status is INTERNAL: `error`
 *   with the error itself (pino serializes `err` with its cause chain);
 * - UNAUTHENTICATED / PERMISSION_DENIED: `warn` with code and message;
 * - any other FedraError: `debug` (the client was told; it is not ours).
 *
 * @example
 * ```ts
 * handler(call).then(
 *   (response) => callback(null, response),
 *   (error: unknown) => callback(handleErrors(error, { logger, rpc: call.getPath() })),
 * );
 * ```
 */
export function handleErrors(error: unknown, options: HandleErrorsOptions): ServerErrorResponse {
  const status = toGrpcStatus(error, { domain: options.domain });
  const code = error instanceof FedraError ? error.code : 'INTERNAL';
  if (!(error instanceof FedraError) || status.code === GrpcStatus.INTERNAL) {
    options.logger.error({ rpc: options.rpc, code, err: error }, 'rpc failed');
  } else if (SECURITY_STATUSES.has(status.code)) {
    options.logger.warn({ rpc: options.rpc, code, reason: status.details }, 'rpc refused');
  } else {
    options.logger.debug({ rpc: options.rpc, code }, 'rpc rejected');
  }
  const metadata = new Metadata();
  for (const [key, value] of status.metadata) metadata.add(key, value);
  return Object.assign(new Error(status.details), {
    code: grpcJsStatus(status.code),
    details: status.details,
    metadata,
  });
}

/** grpc-js's enum member for a status number (both follow the gRPC specification). */
function grpcJsStatus(code: number): GrpcJsStatus {
  const name = GrpcJsStatus[code] as keyof typeof GrpcJsStatus | undefined;
  return name === undefined ? GrpcJsStatus.UNKNOWN : GrpcJsStatus[name];
}
