import { Client, credentials, Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServiceDefinition, ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ExperimentNotFoundError,
  FedraError,
  fromGrpcStatus,
  InvalidArgumentError,
  WrongStageError,
} from '@fedra/common';
import type { Logger } from '@fedra/common';
import { CallAuthenticator, INSECURE_IDENTITY_HEADER } from '../identity/call-identity.js';
import { bindServer, shutdownServer } from './bind-server.js';
import {
  createRpcGuard,
  readMessages,
  wrapBidiStream,
  wrapClientStream,
  wrapServerStream,
  wrapUnary,
  writeMessage,
} from './wrap-handlers.js';
import { rawMethod } from '../services/testing/raw-method.js';

const service = {
  Unary: rawMethod('/test.Wrap/Unary', false, false),
  Collect: rawMethod('/test.Wrap/Collect', true, false),
  Emit: rawMethod('/test.Wrap/Emit', false, true),
  Echo: rawMethod('/test.Wrap/Echo', true, true),
  AdminOnly: rawMethod('/test.Wrap/AdminOnly', false, false),
} satisfies ServiceDefinition;

const TABLE = {
  '/test.Wrap/Unary': ['worker', 'admin'],
  '/test.Wrap/Collect': ['worker'],
  '/test.Wrap/Emit': ['worker'],
  '/test.Wrap/Echo': ['worker'],
  '/test.Wrap/AdminOnly': ['admin'],
} as const;

const WORKER = 'spiffe://acme/region/eu/worker/w1';
const ADMIN = 'spiffe://acme/admin/root';

interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger(lines: LogLine[], bindings: Record<string, unknown> = {}): Logger {
  const at =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      lines.push(
        typeof obj === 'string'
          ? { level, obj: { ...bindings }, msg: obj }
          : { level, obj: { ...bindings, ...(obj as Record<string, unknown>) }, msg },
      );
    };
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

const text = (value: string): Buffer => Buffer.from(value);

let server: Server;
let client: Client;
let lines: LogLine[] = [];
let handlerRuns = 0;
/** Told by the `wait` stream handler: its signal as soon as it started, and how its late write failed. */
let observeWait: ((signal: AbortSignal, writeError: Promise<unknown>) => void) | undefined;

beforeAll(async () => {
  const logger = recordingLogger([]);
  const options = {
    get logger(): Logger {
      return recordingLogger(lines);
    },
    guard: createRpcGuard(
      new CallAuthenticator({ federation: 'acme', insecure: true, logger }),
      TABLE,
    ),
  };
  server = new Server();
  server.addService(service, {
    Unary: wrapUnary<Buffer, Buffer>((call, context) => {
      handlerRuns += 1;
      const request = call.request.toString();
      if (request === 'sync') throw new InvalidArgumentError('request', 'thrown synchronously');
      return (async () => {
        await Promise.resolve();
        if (request === 'fedra') throw new ExperimentNotFoundError('e1');
        if (request === 'bug') throw new Error('secret path /etc/fedra/key.pem');
        if (request === 'internal') {
          throw new FedraError('INTERNAL', 'store corrupted', { cause: new Error('disk') });
        }
        context.log.info({ request }, 'handled');
        return text(`hello ${context.identity.uri}`);
      })();
    }, options),
    AdminOnly: wrapUnary<Buffer, Buffer>(() => {
      handlerRuns += 1;
      return text('secret');
    }, options),
    Collect: wrapClientStream<Buffer, Buffer>(async (call) => {
      const parts: string[] = [];
      for await (const chunk of readMessages(call)) {
        if (chunk.toString() === 'boom') throw new InvalidArgumentError('chunk', 'bad chunk');
        parts.push(chunk.toString());
      }
      return text(parts.join('+'));
    }, options),
    Emit: wrapServerStream<Buffer, Buffer>((call, { signal }) => {
      const run = (async () => {
        const [command, count] = call.request.toString().split(':');
        if (command === 'wait') {
          const writeError = (async () => {
            await new Promise((resolve) => {
              signal.addEventListener('abort', resolve, { once: true });
            });
            return writeMessage(call, text('too late')).then(
              () => undefined,
              (error: unknown) => error,
            );
          })();
          observeWait?.(signal, writeError);
          await writeError;
          return;
        }
        for (let index = 0; index < Number(count); index += 1)
          await writeMessage(call, text(`m${index}`));
        if (command === 'fail') {
          throw new WrongStageError(
            { experimentId: 'e1', roundNumber: 2, attempt: 1 },
            'setup',
            'unmask',
          );
        }
      })();
      return run;
    }, options),
    Echo: wrapBidiStream<Buffer, Buffer>(async (call) => {
      // Plain for-await on purpose: the wrapper keeps the stream open after the loop.
      for await (const chunk of call as AsyncIterable<Buffer>) {
        if (chunk.toString() === 'boom') throw new InvalidArgumentError('chunk', 'bad chunk');
        await writeMessage(call, text(chunk.toString().toUpperCase()));
      }
    }, options),
  });
  const port = await bindServer(server, 'localhost:0', ServerCredentials.createInsecure());
  client = new Client(`localhost:${port}`, credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await shutdownServer(server, { graceMs: 1000 });
});

beforeEach(() => {
  lines = [];
  handlerRuns = 0;
});

function as(uri: string): Metadata {
  const metadata = new Metadata();
  metadata.set(INSECURE_IDENTITY_HEADER, uri);
  return metadata;
}

const serialize = (value: Buffer): Buffer => value;

function unary(
  path: string,
  request: string,
  uri = WORKER,
): Promise<{ error: ServiceError | null; value?: string }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      path,
      serialize,
      serialize,
      text(request),
      as(uri),
      (error, value?: Buffer) => {
        resolve({ error, value: value?.toString() });
      },
    );
  });
}

function serverStream(
  request: string,
): Promise<{ messages: string[]; error: ServiceError | null }> {
  const call = client.makeServerStreamRequest(
    '/test.Wrap/Emit',
    serialize,
    serialize,
    text(request),
    as(WORKER),
  );
  const messages: string[] = [];
  return new Promise((resolve) => {
    call.on('data', (message: Buffer) => messages.push(message.toString()));
    call.on('error', (error: ServiceError) => {
      resolve({ messages, error });
    });
    call.on('end', () => {
      resolve({ messages, error: null });
    });
  });
}

describe('wrapUnary', () => {
  it('runs the handler with the caller identity and a bound child logger', async () => {
    expect(await unary('/test.Wrap/Unary', 'hi')).toEqual({
      error: null,
      value: `hello ${WORKER}`,
    });
    expect(lines).toContainEqual({
      level: 'info',
      obj: { rpc: '/test.Wrap/Unary', principal: WORKER, request: 'hi' },
      msg: 'handled',
    });
  });

  it('sends a FedraError with its status, trailer and ErrorInfo; the client rebuilds it', async () => {
    const { error } = await unary('/test.Wrap/Unary', 'fedra');
    expect(error?.code).toBe(status.NOT_FOUND);
    expect(error?.metadata.get('fedra-error-code')).toEqual(['EXPERIMENT_NOT_FOUND']);
    expect(error?.metadata.get('grpc-status-details-bin')).toHaveLength(1);
    const rebuilt = error === null ? undefined : fromGrpcStatus(error);
    expect(rebuilt).toBeInstanceOf(ExperimentNotFoundError);
    expect((rebuilt as ExperimentNotFoundError).experimentId).toBe('e1');
    expect(lines.filter((line) => line.level === 'debug').map((line) => line.obj['code'])).toEqual([
      'EXPERIMENT_NOT_FOUND',
    ]);
  });

  it('sends an unknown error as a generic INTERNAL and logs its cause', async () => {
    const { error } = await unary('/test.Wrap/Unary', 'bug');
    expect(error?.code).toBe(status.INTERNAL);
    expect(error?.details).toBe('internal error');
    expect(error?.metadata.get('fedra-error-code')).toEqual(['INTERNAL']);
    expect(JSON.stringify(error?.metadata.toJSON())).not.toContain('secret');
    const logged = lines.find((line) => line.level === 'error');
    expect(logged?.obj['rpc']).toBe('/test.Wrap/Unary');
    expect((logged?.obj['err'] as Error).message).toBe('secret path /etc/fedra/key.pem');
  });

  it('logs a FedraError that travels as INTERNAL with its cause', async () => {
    const { error } = await unary('/test.Wrap/Unary', 'internal');
    expect(error?.code).toBe(status.INTERNAL);
    const logged = lines.find((line) => line.level === 'error');
    expect(((logged?.obj['err'] as Error).cause as Error).message).toBe('disk');
  });

  it('turns a synchronous throw into a status too', async () => {
    const { error } = await unary('/test.Wrap/Unary', 'sync');
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toBe('thrown synchronously');
  });

  it('refuses a caller the guard refuses, without running the handler', async () => {
    const { error } = await unary('/test.Wrap/AdminOnly', 'x', WORKER);
    expect(error?.code).toBe(status.PERMISSION_DENIED);
    expect(error?.metadata.get('fedra-error-code')).toEqual(['PERMISSION_DENIED']);
    expect(handlerRuns).toBe(0);
    expect(
      lines.some((line) => line.level === 'warn' && line.obj['code'] === 'PERMISSION_DENIED'),
    ).toBe(true);
    expect(await unary('/test.Wrap/AdminOnly', 'x', ADMIN)).toEqual({
      error: null,
      value: 'secret',
    });
  });

  it('refuses a caller without identity as UNAUTHENTICATED', async () => {
    const result = await new Promise<ServiceError | null>((resolve) => {
      client.makeUnaryRequest('/test.Wrap/Unary', serialize, serialize, text('hi'), (error) => {
        resolve(error);
      });
    });
    expect(result?.code).toBe(status.UNAUTHENTICATED);
    expect(handlerRuns).toBe(0);
  });
});

describe('wrapClientStream', () => {
  function collect(parts: string[]): Promise<{ error: ServiceError | null; value?: string }> {
    return new Promise((resolve) => {
      const call = client.makeClientStreamRequest(
        '/test.Wrap/Collect',
        serialize,
        serialize,
        as(WORKER),
        (error, value?: Buffer) => {
          resolve({ error, value: value?.toString() });
        },
      );
      for (const part of parts) call.write(text(part));
      call.end();
    });
  }

  it('returns what the handler made of the stream', async () => {
    expect(await collect(['a', 'b', 'c'])).toEqual({ error: null, value: 'a+b+c' });
  });

  it('sends what the handler threw mid-stream', async () => {
    const { error } = await collect(['a', 'boom', 'c']);
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.metadata.get('fedra-error-code')).toEqual(['INVALID_ARGUMENT']);
  });
});

describe('wrapServerStream', () => {
  it('ends the stream with OK after the handler resolves', async () => {
    expect(await serverStream('ok:3')).toEqual({ messages: ['m0', 'm1', 'm2'], error: null });
  });

  it('delivers what was written, then the error status', async () => {
    const { messages, error } = await serverStream('fail:2');
    expect(messages).toEqual(['m0', 'm1']);
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(error?.metadata.get('fedra-error-code')).toEqual(['WRONG_STAGE']);
    expect(error === null ? undefined : fromGrpcStatus(error)).toBeInstanceOf(WrongStageError);
  });

  it('aborts the context signal when the client cancels, and refuses later writes', async () => {
    const observed = new Promise<{ signal: AbortSignal; writeError: Promise<unknown> }>(
      (resolve) => {
        observeWait = (signal, writeError) => {
          resolve({ signal, writeError });
        };
      },
    );
    const call = client.makeServerStreamRequest(
      '/test.Wrap/Emit',
      serialize,
      serialize,
      text('wait'),
      as(WORKER),
    );
    call.on('error', () => undefined);
    const { signal, writeError } = await observed;
    expect(signal.aborted).toBe(false);
    call.cancel();
    expect(((await writeError) as FedraError).code).toBe('CANCELLED');
    expect(signal.aborted).toBe(true);
    expect((signal.reason as FedraError).code).toBe('CANCELLED');
  });
});

describe('wrapBidiStream', () => {
  function echo(parts: string[]): Promise<{ messages: string[]; error: ServiceError | null }> {
    const call = client.makeBidiStreamRequest('/test.Wrap/Echo', serialize, serialize, as(WORKER));
    const messages: string[] = [];
    const done = new Promise<{ messages: string[]; error: ServiceError | null }>((resolve) => {
      call.on('data', (message: Buffer) => messages.push(message.toString()));
      call.on('error', (error: ServiceError) => {
        resolve({ messages, error });
      });
      call.on('end', () => {
        resolve({ messages, error: null });
      });
    });
    for (const part of parts) call.write(text(part));
    call.end();
    return done;
  }

  it('streams both ways and ends with OK', async () => {
    expect(await echo(['a', 'b'])).toEqual({ messages: ['A', 'B'], error: null });
  });

  it('ends with the status of what the handler threw', async () => {
    const { messages, error } = await echo(['a', 'boom', 'c']);
    expect(messages).toEqual(['A']);
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
  });
});
