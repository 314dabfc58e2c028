/**
 * The one place Fedra errors meet gRPC statuses, in both directions, without
 * importing a gRPC library: servers feed the result of {@link toGrpcStatus} to
 * their transport, clients hand a failed call's status to
 * {@link fromGrpcStatus}.
 *
 * On the wire an error is the gRPC status code and message plus two trailers:
 * `fedra-error-code` (the code in plain text, for quick reads) and
 * `grpc-status-details-bin`, a `google.rpc.Status` whose `details` holds one
 * `google.rpc.ErrorInfo { reason: CODE, domain, metadata }` — the richer-error
 * model grpcurl and other languages' clients already understand.
 *
 * @module
 */
import protobuf from 'protobufjs';
import { ERROR_CODES, FedraError, GrpcStatus } from './errors.js';
import type { FedraErrorCode } from './errors.js';

/** The trailer that carries the Fedra error code as plain text. */
export const FEDRA_ERROR_CODE_KEY = 'fedra-error-code';

/** The standard trailer that carries a serialized `google.rpc.Status`. */
export const GRPC_STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/** The `type_url` of a packed `google.rpc.ErrorInfo`. */
export const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';

/** The `ErrorInfo.domain` Fedra servers use unless told otherwise. */
export const DEFAULT_ERROR_DOMAIN = 'fedra.dev';

/** A status ready to hand to a gRPC server (grpc-js: `callback({ code, details, metadata })`). */
export interface WireStatus {
  /** The gRPC status code. */
  code: number;
  /** The status message (`grpc-message`). */
  details: string;
  /** Trailers to send, in order; `-bin` keys carry Buffers. */
  metadata: Array<[string, string | Buffer]>;
}

/** Options for {@link toGrpcStatus}. */
export interface ToGrpcStatusOptions {
  /**
   * `google.rpc.ErrorInfo.domain`: the service that produced the error.
   * @default 'fedra.dev'
   */
  domain?: string;
}

/**
 * What {@link fromGrpcStatus} needs from a failed call. grpc-js's
 * `ServiceError` fits as is.
 */
export interface ReceivedStatus {
  /** The gRPC status code. */
  code: number;
  /** The status message. */
  details: string;
  /** The trailers; `get` returns every value sent under a key. */
  metadata?: { get(key: string): ReadonlyArray<string | Uint8Array> } | undefined;
}

/** A decoded `google.rpc.ErrorInfo`. */
export interface ErrorInfo {
  /** The Fedra error code (the reason, UPPER_SNAKE_CASE). */
  reason: string;
  /** The service that produced the error. */
  domain: string;
  /** Identifiers from {@link FedraError.metadata}. */
  metadata: Record<string, string>;
}

// google.rpc.Status, google.protobuf.Any and google.rpc.ErrorInfo, built by
// reflection with the field numbers of googleapis' google/rpc/status.proto,
// google/rpc/error_details.proto and protobuf's google/protobuf/any.proto.
const root = new protobuf.Root();
root
  .define('google.protobuf')
  .add(
    new protobuf.Type('Any')
      .add(new protobuf.Field('type_url', 1, 'string'))
      .add(new protobuf.Field('value', 2, 'bytes')),
  );
root
  .define('google.rpc')
  .add(
    new protobuf.Type('Status')
      .add(new protobuf.Field('code', 1, 'int32'))
      .add(new protobuf.Field('message', 2, 'string'))
      .add(new protobuf.Field('details', 3, '.google.protobuf.Any', 'repeated')),
  )
  .add(
    new protobuf.Type('ErrorInfo')
      .add(new protobuf.Field('reason', 1, 'string'))
      .add(new protobuf.Field('domain', 2, 'string'))
      .add(new protobuf.MapField('metadata', 3, 'string', 'string')),
  );
root.resolveAll();
const StatusType = root.lookupType('google.rpc.Status');
const ErrorInfoType = root.lookupType('google.rpc.ErrorInfo');

const TO_OBJECT: protobuf.IConversionOptions = { defaults: true, arrays: true, objects: true };

/**
 * Turns anything a handler threw into a gRPC status. FedraErrors keep their
 * code, message and metadata; anything else becomes INTERNAL with the
 * generic message `'internal error'` (the cause is for the server log and
 * never leaves the process).
 */
export function toGrpcStatus(error: unknown, options: ToGrpcStatusOptions = {}): WireStatus {
  const fedraError = FedraError.from(error);
  const code = ERROR_CODES[fedraError.code].status;
  const errorInfo = ErrorInfoType.encode(
    ErrorInfoType.fromObject({
      reason: fedraError.code,
      domain: options.domain ?? DEFAULT_ERROR_DOMAIN,
      metadata: { ...fedraError.metadata },
    }),
  ).finish();
  const status = StatusType.encode(
    StatusType.fromObject({
      code,
      message: fedraError.message,
      details: [{ type_url: ERROR_INFO_TYPE_URL, value: errorInfo }],
    }),
  ).finish();
  return {
    code,
    details: fedraError.message,
    metadata: [
      [FEDRA_ERROR_CODE_KEY, fedraError.code],
      [GRPC_STATUS_DETAILS_KEY, Buffer.from(status.buffer, status.byteOffset, status.byteLength)],
    ],
  };
}

/**
 * Turns a failed call's status back into the FedraError the server raised
 * (the named subclass where there is one, see {@link FedraError.fromWire}).
 * Reads, in order: the ErrorInfo in `grpc-status-details-bin`, the
 * `fedra-error-code` trailer, and finally the bare gRPC code (for errors
 * raised by the transport, not by Fedra). Never throws, whatever the bytes.
 */
export function fromGrpcStatus(status: ReceivedStatus): FedraError {
  const fallbackCode = codeForGrpcStatus(status.code);
  const errorInfo = readErrorInfo(status.metadata);
  if (errorInfo !== undefined) {
    return FedraError.fromWire(errorInfo.reason, status.details, errorInfo.metadata, fallbackCode);
  }
  const trailerCode = firstString(status.metadata, FEDRA_ERROR_CODE_KEY);
  if (trailerCode !== undefined) {
    return FedraError.fromWire(trailerCode, status.details, {}, fallbackCode);
  }
  return FedraError.fromWire(fallbackCode, status.details);
}

/**
 * Decodes the ErrorInfo packed in a serialized `google.rpc.Status`, or
 * returns undefined when the bytes are not one or hold no ErrorInfo.
 */
export function decodeErrorInfo(statusBytes: Uint8Array): ErrorInfo | undefined {
  try {
    const status = StatusType.toObject(StatusType.decode(statusBytes), TO_OBJECT);
    const details: unknown = status['details'];
    if (!Array.isArray(details)) return undefined;
    for (const any of details as unknown[]) {
      if (!isRecord(any) || any['type_url'] !== ERROR_INFO_TYPE_URL) continue;
      const value = any['value'];
      if (!(value instanceof Uint8Array)) continue;
      const info = ErrorInfoType.toObject(ErrorInfoType.decode(value), TO_OBJECT);
      const reason: unknown = info['reason'];
      const domain: unknown = info['domain'];
      const metadata: unknown = info['metadata'];
      if (typeof reason !== 'string' || typeof domain !== 'string' || !isRecord(metadata)) {
        continue;
      }
      return { reason, domain, metadata: stringEntries(metadata) };
    }
    return undefined;
  } catch {
    // Malformed bytes from a peer are not our failure: fall back to the
    // plain trailers.
    return undefined;
  }
}

/**
 * The Fedra code for a status that carries none (raised by the transport or
 * a non-Fedra server).
 */
export function codeForGrpcStatus(code: number): FedraErrorCode {
  switch (code) {
    case GrpcStatus.CANCELLED:
      return 'CANCELLED';
    case GrpcStatus.DEADLINE_EXCEEDED:
      return 'DEADLINE_EXCEEDED';
    case GrpcStatus.INVALID_ARGUMENT:
      return 'INVALID_ARGUMENT';
    case GrpcStatus.ALREADY_EXISTS:
      return 'ALREADY_EXISTS';
    case GrpcStatus.PERMISSION_DENIED:
      return 'PERMISSION_DENIED';
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return 'RESOURCE_EXHAUSTED';
    case GrpcStatus.UNIMPLEMENTED:
      return 'UNIMPLEMENTED';
    case GrpcStatus.UNAVAILABLE:
      return 'UNAVAILABLE';
    case GrpcStatus.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    default:
      return 'INTERNAL';
  }
}

function readErrorInfo(metadata: ReceivedStatus['metadata']): ErrorInfo | undefined {
  for (const value of metadata?.get(GRPC_STATUS_DETAILS_KEY) ?? []) {
    if (!(value instanceof Uint8Array)) continue;
    // An unknown reason (a newer server) still wins over the trailer: fromWire
    // keeps it in metadata.wireCode along with the identifiers.
    const info = decodeErrorInfo(value);
    if (info !== undefined) return info;
  }
  return undefined;
}

function firstString(metadata: ReceivedStatus['metadata'], key: string): string | undefined {
  for (const value of metadata?.get(key) ?? []) {
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringEntries(record: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}
