import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChunkStreamError,
  ExperimentNotFoundError,
  FedraError,
  InvalidArgumentError,
  QuorumNotMetError,
  StaleAttemptError,
} from './errors.js';
import {
  decodeErrorInfo,
  FEDRA_ERROR_CODE_KEY,
  fromGrpcStatus,
  GRPC_STATUS_DETAILS_KEY,
  toGrpcStatus,
} from './grpc-status.js';

// The google.rpc types again, built independently of grpc-status.ts (from a
// JSON descriptor rather than the reflection API), to read the trailer the
// way grpcurl or another language's client would.
const referenceJson = {
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: {
              fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } },
            },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
            ErrorInfo: {
              fields: {
                reason: { type: 'string', id: 1 },
                domain: { type: 'string', id: 2 },
                metadata: { keyType: 'string', type: 'string', id: 3 },
              },
            },
          },
        },
      },
    },
  },
};
// A variable, not a literal: protobufjs' IField typing lacks the map field's keyType.
const reference = protobuf.Root.fromJSON(referenceJson);
const ReferenceStatus = reference.lookupType('google.rpc.Status');
const ReferenceErrorInfo = reference.lookupType('google.rpc.ErrorInfo');

interface DecodedDetails {
  code: number;
  message: string;
  typeUrl: string;
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

function decodeWithReference(bytes: Uint8Array): DecodedDetails {
  const status = ReferenceStatus.toObject(ReferenceStatus.decode(bytes), {
    defaults: true,
    arrays: true,
    objects: true,
  }) as { code: number; message: string; details: Array<{ type_url: string; value: Uint8Array }> };
  expect(status.details).toHaveLength(1);
  const any = status.details[0];
  if (any === undefined) throw new Error('no details');
  const info = ReferenceErrorInfo.toObject(ReferenceErrorInfo.decode(any.value), {
    defaults: true,
    objects: true,
  }) as { reason: string; domain: string; metadata: Record<string, string> };
  return {
    code: status.code,
    message: status.message,
    typeUrl: any.type_url,
    reason: info.reason,
    domain: info.domain,
    metadata: { ...info.metadata },
  };
}

const identity = (value: Buffer): Buffer => value;
const FAIL_PATH = '/fedra.test.v1.ErrorTest/Fail';
const definition: grpc.ServiceDefinition = {
  fail: {
    path: FAIL_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

interface Case {
  /** Builds what the handler throws. */
  make: () => unknown;
  /** The ErrorInfo domain the server uses. */
  domain?: string;
}

const ref = { experimentId: 'exp-7', roundNumber: 3, attempt: 2 };
const cases: Record<string, Case> = {
  quorum: { make: () => new QuorumNotMetError(ref, 4, 6) },
  notFound: { make: () => new ExperimentNotFoundError('exp-404') },
  stale: { make: () => new StaleAttemptError(ref, 1), domain: 'fedra.test' },
  invalid: { make: () => new InvalidArgumentError('spec.rounds', 'spec.rounds must be >= 1') },
  digest: {
    make: () =>
      new ChunkStreamError('DIGEST_MISMATCH', 'sha256 of the received bytes differs', {
        metadata: { totalBytes: '4096' },
      }),
  },
  plain: {
    make: () =>
      new FedraError('LANE_OVERFLOW', 'lane "weight" overflows: ünïcode ✓ and 100%', {
        metadata: { lane: 'weight' },
      }),
  },
  leak: { make: () => new Error('redis password hunter2 rejected at /srv/secret') },
  leakString: { make: () => 'hunter2' },
};

function toMetadata(pairs: Array<[string, string | Buffer]>): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of pairs) metadata.add(key, value);
  return metadata;
}

/** grpc-js's own enum members by number, to hand our plain status codes to grpc-js. */
const GRPC_JS_STATUS = new Map<number, grpc.status>(
  Object.values(grpc.status)
    .filter((value): value is grpc.status => typeof value === 'number')
    .map((value) => [value, value]),
);

function grpcJsStatus(code: number): grpc.status {
  const match = GRPC_JS_STATUS.get(code);
  if (match === undefined) throw new Error(`not a gRPC status: ${code}`);
  return match;
}

let server: grpc.Server;
let client: grpc.Client;

beforeAll(async () => {
  server = new grpc.Server();
  const fail: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    const name = call.request.toString('utf8');
    const testCase = cases[name];
    try {
      throw testCase === undefined ? new Error(`no case ${name}`) : testCase.make();
    } catch (error) {
      const status = toGrpcStatus(
        error,
        testCase?.domain === undefined ? {} : { domain: testCase.domain },
      );
      callback({
        code: grpcJsStatus(status.code),
        details: status.details,
        metadata: toMetadata(status.metadata),
      });
    }
  };
  server.addService(definition, { fail });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('localhost:0', grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  client = new grpc.Client(`localhost:${port}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await new Promise<void>((resolve) => {
    server.tryShutdown(() => {
      resolve();
    });
  });
});

function call(name: string): Promise<grpc.ServiceError> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      FAIL_PATH,
      identity,
      identity,
      Buffer.from(name, 'utf8'),
      (error: grpc.ServiceError | null) => {
        if (error) resolve(error);
        else reject(new Error('the call succeeded'));
      },
    );
  });
}

function rawDetails(error: grpc.ServiceError): DecodedDetails {
  const values = error.metadata.get(GRPC_STATUS_DETAILS_KEY);
  expect(values).toHaveLength(1);
  const [value] = values;
  if (!(value instanceof Uint8Array)) throw new Error('grpc-status-details-bin is not binary');
  return decodeWithReference(value);
}

describe('errors over a real grpc-js server', () => {
  it('round-trips a QuorumNotMetError with its identifiers', async () => {
    const received = await call('quorum');
    expect(received.code).toBe(grpc.status.ABORTED);
    expect(received.metadata.get(FEDRA_ERROR_CODE_KEY)).toEqual(['QUORUM_NOT_MET']);

    const error = fromGrpcStatus(received);
    expect(error).toBeInstanceOf(QuorumNotMetError);
    if (!(error instanceof QuorumNotMetError)) return;
    expect(error.code).toBe('QUORUM_NOT_MET');
    expect(error.message).toBe('round 3 attempt 2: 4 survivors, 6 required');
    expect(error.ref).toEqual(ref);
    expect(error.survivors).toBe(4);
    expect(error.required).toBe(6);
    expect(error.metadata).toEqual({
      experimentId: 'exp-7',
      roundNumber: '3',
      attempt: '2',
      survivors: '4',
      required: '6',
    });

    expect(rawDetails(received)).toEqual({
      code: grpc.status.ABORTED,
      message: 'round 3 attempt 2: 4 survivors, 6 required',
      typeUrl: 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'QUORUM_NOT_MET',
      domain: 'fedra.dev',
      metadata: error.metadata,
    });
  });

  it('round-trips not-found, stale-attempt and invalid-argument errors', async () => {
    const notFound = fromGrpcStatus(await call('notFound'));
    expect(notFound).toBeInstanceOf(ExperimentNotFoundError);
    expect(notFound).toMatchObject({
      code: 'EXPERIMENT_NOT_FOUND',
      message: 'experiment exp-404 not found',
      experimentId: 'exp-404',
      metadata: { experimentId: 'exp-404' },
    });

    const staleReceived = await call('stale');
    expect(staleReceived.code).toBe(grpc.status.FAILED_PRECONDITION);
    const stale = fromGrpcStatus(staleReceived);
    expect(stale).toBeInstanceOf(StaleAttemptError);
    expect(stale).toMatchObject({ code: 'STALE_ATTEMPT', receivedAttempt: 1, ref });
    const staleDetails = rawDetails(staleReceived);
    expect(staleDetails.domain).toBe('fedra.test');
    expect(staleDetails.reason).toBe('STALE_ATTEMPT');
    expect(staleDetails.metadata).toEqual({ ...stale.metadata });

    const invalidReceived = await call('invalid');
    expect(invalidReceived.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(invalidReceived.details).toBe('spec.rounds must be >= 1');
    const invalid = fromGrpcStatus(invalidReceived);
    expect(invalid).toBeInstanceOf(InvalidArgumentError);
    expect(invalid).toMatchObject({ field: 'spec.rounds', message: 'spec.rounds must be >= 1' });
  });

  it('round-trips a chunk-stream error and a code without a subclass', async () => {
    const digestReceived = await call('digest');
    expect(digestReceived.code).toBe(grpc.status.DATA_LOSS);
    const digest = fromGrpcStatus(digestReceived);
    expect(digest).toBeInstanceOf(ChunkStreamError);
    expect(digest).toMatchObject({ code: 'DIGEST_MISMATCH', metadata: { totalBytes: '4096' } });

    const plainReceived = await call('plain');
    const plain = fromGrpcStatus(plainReceived);
    expect(plain.constructor).toBe(FedraError);
    expect(plain.code).toBe('LANE_OVERFLOW');
    expect(plain.message).toBe('lane "weight" overflows: ünïcode ✓ and 100%');
    expect(plain.metadata).toEqual({ lane: 'weight' });
    expect(rawDetails(plainReceived).message).toBe(plain.message);
  });

  it('sends unknown errors as INTERNAL without leaking their text', async () => {
    for (const name of ['leak', 'leakString']) {
      const received = await call(name);
      expect(received.code).toBe(grpc.status.INTERNAL);
      expect(received.details).toBe('internal error');
      const details = rawDetails(received);
      expect(details).toMatchObject({
        reason: 'INTERNAL',
        message: 'internal error',
        metadata: {},
      });
      const trailers = JSON.stringify(received.metadata.toJSON());
      const detailBytes = Buffer.from(received.metadata.get(GRPC_STATUS_DETAILS_KEY)[0] ?? '');
      for (const secret of ['hunter2', '/srv/secret', 'redis']) {
        expect(trailers).not.toContain(secret);
        expect(detailBytes.includes(secret)).toBe(false);
        expect(received.message).not.toContain(secret);
      }
      const error = fromGrpcStatus(received);
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toBe('internal error');
    }
  });
});

describe('toGrpcStatus', () => {
  it('puts the code in the plain trailer and the ErrorInfo', () => {
    const status = toGrpcStatus(new ExperimentNotFoundError('e1'));
    expect(status.code).toBe(5);
    expect(status.details).toBe('experiment e1 not found');
    expect(status.metadata[0]).toEqual([FEDRA_ERROR_CODE_KEY, 'EXPERIMENT_NOT_FOUND']);
    const [key, value] = status.metadata[1] ?? [];
    expect(key).toBe(GRPC_STATUS_DETAILS_KEY);
    expect(Buffer.isBuffer(value)).toBe(true);
    expect(decodeErrorInfo(value as Buffer)).toEqual({
      reason: 'EXPERIMENT_NOT_FOUND',
      domain: 'fedra.dev',
      metadata: { experimentId: 'e1' },
    });
  });
});

describe('fromGrpcStatus', () => {
  function metadataOf(entries: Record<string, Array<string | Uint8Array>>) {
    return { get: (key: string) => entries[key] ?? [] };
  }

  it('falls back to the fedra-error-code trailer when the details are garbage', () => {
    const error = fromGrpcStatus({
      code: grpc.status.NOT_FOUND,
      details: 'experiment x not found',
      metadata: metadataOf({
        [GRPC_STATUS_DETAILS_KEY]: [Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01])],
        [FEDRA_ERROR_CODE_KEY]: ['EXPERIMENT_NOT_FOUND'],
      }),
    });
    expect(error).toBeInstanceOf(ExperimentNotFoundError);
    expect(error.message).toBe('experiment x not found');
  });

  it('never throws on arbitrary detail bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        fc.integer({ min: 0, max: 20 }),
        (bytes, code) => {
          const error = fromGrpcStatus({
            code,
            details: 'd',
            metadata: metadataOf({ [GRPC_STATUS_DETAILS_KEY]: [bytes] }),
          });
          expect(error).toBeInstanceOf(FedraError);
        },
      ),
    );
  });

  it('derives a code from the bare gRPC status, keeping the details', () => {
    expect(
      fromGrpcStatus({ code: grpc.status.UNAVAILABLE, details: 'No connection' }),
    ).toMatchObject({ code: 'UNAVAILABLE', message: 'No connection' });
    expect(
      fromGrpcStatus({ code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' }).code,
    ).toBe('DEADLINE_EXCEEDED');
    const internal = fromGrpcStatus({
      code: grpc.status.DATA_LOSS,
      details: 'Error deserializing request',
      metadata: metadataOf({}),
    });
    expect(internal.code).toBe('INTERNAL');
    expect(internal.message).toBe('Error deserializing request');
  });

  it('keeps an unknown reason from a newer server in metadata.wireCode', () => {
    const info = ReferenceErrorInfo.encode(
      ReferenceErrorInfo.fromObject({
        reason: 'FUTURE_REASON',
        domain: 'fedra.dev',
        metadata: { field: 'f' },
      }),
    ).finish();
    const details = ReferenceStatus.encode(
      ReferenceStatus.fromObject({
        code: grpc.status.FAILED_PRECONDITION,
        message: 'x',
        details: [{ type_url: 'type.googleapis.com/google.rpc.ErrorInfo', value: info }],
      }),
    ).finish();
    const error = fromGrpcStatus({
      code: grpc.status.FAILED_PRECONDITION,
      details: 'x',
      metadata: metadataOf({
        [GRPC_STATUS_DETAILS_KEY]: [details],
        [FEDRA_ERROR_CODE_KEY]: ['FUTURE_REASON'],
      }),
    });
    expect(error.code).toBe('INTERNAL');
    expect(error.metadata).toEqual({ field: 'f', wireCode: 'FUTURE_REASON' });
  });
});
