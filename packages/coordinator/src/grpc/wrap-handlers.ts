/**
 * Every Fedra RPC goes through one of these wrappers. A wrapper:
 *
 * 1. establishes and authorizes the caller with the {@link RpcGuard}
 *    (certificate identity + the role table, see `identity/`);
 * 2. runs the async handler with an {@link RpcContext} (identity, a child
 *    logger, an AbortSignal that fires when the client cancels);
 * 3. sends the result, or turns whatever the handler threw into a status
 *    with {@link handleErrors}.
 *
 * Handlers therefore just `throw new SomeFedraError(…)` and return values.
 *
 * @example
 * ```ts
 * const options = { logger, guard: createRpcGuard(authenticator) };
 * server.addService(FleetService.service, {
 *   Register: wrapUnary(async (call, { identity }) => registry.register(identity, call.request), options),
 *   StreamTasks: wrapServerStream(async (call, { signal }) => {
 *     for await (const task of tasks(signal)) await writeMessage(call, task);
 *   }, options),
 * } satisfies FleetServiceHandlers);
 * ```
 *
 * @module
 */
import type {
  handleBidiStreamingCall,
  handleClientStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
} from '@grpc/grpc-js';
import { FedraError } from '@fedra/common';
import type { Logger } from '@fedra/common';
import type { CallAuthenticator, IdentifiableCall } from '../identity/call-identity.js';
import type { FedraIdentity } from '../identity/fedra-identity.js';
import { authorizeRpc, RPC_ROLES } from '../identity/roles.js';
import type { RpcRoleTable } from '../identity/roles.js';
import { handleErrors } from './handle-errors.js';

/** What a guard sees of a call: its credentials and its method path. */
export type GuardedCall = IdentifiableCall & Pick<ServerUnaryCall<unknown, unknown>, 'getPath'>;

/**
 * Establishes who is calling and whether they may: returns the identity or
 * throws (UNAUTHENTICATED, PERMISSION_DENIED). See {@link createRpcGuard}.
 */
export type RpcGuard = (call: GuardedCall) => FedraIdentity;

/** What a wrapped handler receives besides the call. */
export interface RpcContext {
  /** The full method path, e.g. `/fedra.v1.FleetService/Register`. */
  readonly rpc: string;
  /** The authenticated, authorized caller. */
  readonly identity: FedraIdentity;
  /** A child logger bound to `rpc` and `principal` (the caller's SPIFFE ID). */
  readonly log: Logger;
  /**
   * Aborted when the client cancels the call or its deadline passes; its
   * reason is a FedraError `CANCELLED`. Pass it to anything that waits.
   */
  readonly signal: AbortSignal;
}

/** Options shared by the wrappers. */
export interface RpcHandlerOptions {
  /** The server's logger; each call gets a child of it. */
  readonly logger: Logger;
  /** Authenticates and authorizes each call before the handler runs. */
  readonly guard: RpcGuard;
  /**
   * `google.rpc.ErrorInfo.domain` of the errors sent.
   * @default 'fedra.dev'
   */
  readonly domain?: string | undefined;
}

/**
 * The standard guard: the caller's identity from `authenticator`, checked
 * against `table` (default {@link RPC_ROLES}) for the called method.
 */
export function createRpcGuard(
  authenticator: CallAuthenticator,
  table: RpcRoleTable = RPC_ROLES,
): RpcGuard {
  return (call) => {
    const identity = authenticator.identify(call);
    authorizeRpc(identity, call.getPath(), table);
    return identity;
  };
}

/** Every grpc-js server call: it knows whether, and says when, the client cancelled. */
interface CancellationSource {
  readonly cancelled: boolean;
  once(event: 'cancelled', listener: () => void): unknown;
  off(event: 'cancelled', listener: () => void): unknown;
}

/** The calls every wrapper handles: a guarded call that can be cancelled. */
type CancellableCall = GuardedCall & CancellationSource;

/**
 * Runs the guard and the handler; everything thrown, synchronously or not,
 * ends up in the returned promise's rejection.
 */
async function run<T>(
  call: CancellableCall,
  options: RpcHandlerOptions,
  rpc: string,
  body: (context: RpcContext) => Promise<T> | T,
): Promise<T> {
  const controller = new AbortController();
  const onCancelled = (): void => {
    controller.abort(new FedraError('CANCELLED', 'the client cancelled the call'));
  };
  if (call.cancelled) onCancelled();
  else call.once('cancelled', onCancelled);
  try {
    const identity = options.guard(call);
    // Made on first use: most calls never log, and a pino child (with its
    // redaction) per call was ~15% of what a round allocates at n = 100.
    let log: Logger | undefined;
    return await body({
      rpc,
      identity,
      get log(): Logger {
        log ??= options.logger.child({ rpc, principal: identity.uri });
        return log;
      },
      signal: controller.signal,
    });
  } finally {
    call.off('cancelled', onCancelled);
  }
}

/** Wraps a unary handler; see the module doc. */
export function wrapUnary<Request, Response>(
  handler: (
    call: ServerUnaryCall<Request, Response>,
    context: RpcContext,
  ) => Promise<Response> | Response,
  options: RpcHandlerOptions,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const rpc = call.getPath();
    run(call, options, rpc, (context) => handler(call, context)).then(
      (response) => {
        callback(null, response);
      },
      (error: unknown) => {
        callback(handleErrors(error, { logger: options.logger, rpc, domain: options.domain }));
      },
    );
  };
}

/**
 * Wraps a client-streaming handler. The handler reads the stream with
 * {@link readMessages} (or `for await` on the call) and returns the
 * response; if it throws before the client finished sending, the rest is
 * discarded.
 */
export function wrapClientStream<Request, Response>(
  handler: (
    call: ServerReadableStream<Request, Response>,
    context: RpcContext,
  ) => Promise<Response>,
  options: RpcHandlerOptions,
): handleClientStreamingCall<Request, Response> {
  return (call, callback) => {
    const rpc = call.getPath();
    keepOpenWhenIterated(call);
    run(call, options, rpc, (context) => handler(call, context)).then(
      (response) => {
        callback(null, response);
      },
      (error: unknown) => {
        callback(handleErrors(error, { logger: options.logger, rpc, domain: options.domain }));
      },
    );
  };
}

/**
 * Wraps a server-streaming handler. The handler writes with
 * {@link writeMessage} (which respects backpressure and cancellation); the
 * stream ends with OK when it resolves and with the error's status when it
 * throws.
 */
export function wrapServerStream<Request, Response>(
  handler: (call: ServerWritableStream<Request, Response>, context: RpcContext) => Promise<void>,
  options: RpcHandlerOptions,
): handleServerStreamingCall<Request, Response> {
  return (call) => {
    finishStream(
      call,
      options,
      run(call, options, call.getPath(), (context) => handler(call, context)),
    );
  };
}

/**
 * Wraps a bidirectional-streaming handler; ends the stream as
 * {@link wrapServerStream} does. Read with {@link readMessages} or
 * `for await` on the call; see {@link readMessages} for why the wrapper
 * changes how the call iterates.
 */
export function wrapBidiStream<Request, Response>(
  handler: (call: ServerDuplexStream<Request, Response>, context: RpcContext) => Promise<void>,
  options: RpcHandlerOptions,
): handleBidiStreamingCall<Request, Response> {
  return (call) => {
    keepOpenWhenIterated(call);
    finishStream(
      call,
      options,
      run(call, options, call.getPath(), (context) => handler(call, context)),
    );
  };
}

/**
 * Makes `for await (const message of call)` leave the stream open when the
 * loop ends or breaks, like {@link readMessages}. Without it a bidi handler
 * written the natural way would destroy its own response side.
 */
function keepOpenWhenIterated(
  call: Pick<ServerReadableStream<unknown, unknown>, 'iterator'>,
): void {
  Object.defineProperty(call, Symbol.asyncIterator, {
    value: () => call.iterator({ destroyOnReturn: false }),
    configurable: true,
    writable: true,
  });
}

/** A server stream as the wrappers end it. */
type EndableCall = CancellableCall & {
  end(): void;
  emit(event: 'error', error: Error): boolean;
};

function finishStream(call: EndableCall, options: RpcHandlerOptions, done: Promise<void>): void {
  const rpc = call.getPath();
  done.then(
    () => {
      call.end();
    },
    (error: unknown) => {
      const status = handleErrors(error, { logger: options.logger, rpc, domain: options.domain });
      // A cancelled call has no one to tell; grpc-js already ended it.
      if (!call.cancelled) call.emit('error', status);
    },
  );
}

/**
 * Writes one message to a server stream and resolves once grpc-js has taken
 * it, so a handler that awaits each write never buffers more than one
 * message (a model streamed in 1 MiB chunks holds one chunk at a time).
 *
 * @throws FedraError `CANCELLED` when the client cancels the call before or
 *   while the message is written.
 */
export function writeMessage<Response>(
  call: CancellationSource & {
    write(message: Response, callback: (error?: Error | null) => void): boolean;
  },
  message: Response,
): Promise<void> {
  if (call.cancelled)
    return Promise.reject(new FedraError('CANCELLED', 'the client cancelled the call'));
  return new Promise<void>((resolve, reject) => {
    const onCancelled = (): void => {
      reject(new FedraError('CANCELLED', 'the client cancelled the call'));
    };
    call.once('cancelled', onCancelled);
    call.write(message, (error?: Error | null) => {
      call.off('cancelled', onCancelled);
      if (error === undefined || error === null) resolve();
      else reject(new FedraError('CANCELLED', 'the stream closed while writing', { cause: error }));
    });
  });
}

/**
 * Iterates the messages of a client stream, typed, without destroying the
 * stream when the loop ends or breaks. Node's default stream iterator does
 * destroy it, which on a duplex call kills the response side before the
 * status is sent, so the client hangs; the wrappers also patch the call's
 * own iterator to behave like this one. Stream errors are thrown from the
 * loop.
 *
 * @example
 * ```ts
 * for await (const chunk of readMessages(call)) assembler.push(chunk);
 * ```
 */
export function readMessages<Request>(
  call: ServerReadableStream<Request, unknown> | ServerDuplexStream<Request, unknown>,
): AsyncIterable<Request> {
  return {
    [Symbol.asyncIterator]: () =>
      // `readable.iterator()` is the default iterator with this one switch;
      // Node documents it as experimental since 16.3 and has not changed it.
      call.iterator({ destroyOnReturn: false }) as AsyncIterator<Request>,
  };
}
