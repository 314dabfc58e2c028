import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_STREAM_ERROR_CODES,
  ChunkStreamError,
  ConfigError,
  ERROR_CODES,
  ExperimentNotFoundError,
  ExperimentNotRunningError,
  FedraError,
  FencedError,
  IdentityMismatchError,
  InvalidArgumentError,
  isFedraErrorCode,
  ModelVersionNotFoundError,
  NotAParticipantError,
  OutOfRangeError,
  PermissionDeniedError,
  PolicyRefusedError,
  QuorumNotMetError,
  RequestIdConflictError,
  RevisionConflictError,
  RoundNotFoundError,
  RoundNotOpenError,
  StageDeadlineExceededError,
  SessionNotFoundError,
  StaleAttemptError,
  UnauthenticatedError,
  UnavailableError,
  UnsupportedProtocolError,
  WorkerDrainingError,
  WorkerNotFoundError,
  WrongStageError,
} from './errors.js';
import type { FedraErrorCode } from './errors.js';

const ref = { experimentId: 'exp-1', roundNumber: 4, attempt: 2 };

const samples: FedraError[] = [
  new InvalidArgumentError('spec.rounds', 'spec.rounds must be >= 1'),
  new ConfigError('listenAddress', 'bad listenAddress', { envVar: 'FEDRA_LISTEN_ADDRESS' }),
  new UnavailableError('redis'),
  new UnauthenticatedError(),
  new PermissionDeniedError('spiffe://f/region/eu/worker/w1', '/fedra.v1.AdminService/Drain'),
  new IdentityMismatchError('w1', 'w2'),
  new RequestIdConflictError('req-1'),
  new ExperimentNotFoundError('exp-1'),
  new RoundNotFoundError('exp-1', 9),
  new WorkerNotFoundError('w1'),
  new ModelVersionNotFoundError('exp-1', 0),
  new ExperimentNotRunningError('exp-1', 'CANCELLED'),
  new RoundNotOpenError('exp-1', 2),
  new WrongStageError(ref, 'share-keys', 'setup'),
  new StaleAttemptError(ref, 1),
  new NotAParticipantError(ref, 'w9'),
  new FencedError(ref, 17),
  new StageDeadlineExceededError(ref, 'unmask'),
  new QuorumNotMetError(ref, 3, 5, { metadata: { region: 'eu' } }),
  new PolicyRefusedError('minCohort', 'cohort 3 is below the minimum of 5'),
  new WorkerDrainingError('w1'),
  new UnsupportedProtocolError('protocol_version', 'this coordinator speaks protocol 1, not 2'),
  new SessionNotFoundError('w1'),
  new RevisionConflictError('region-policy/eu', 3, 4),
  new OutOfRangeError('offset', 'offset 80 is past the end of the 40-byte model'),
  ...CHUNK_STREAM_ERROR_CODES.map(
    (code) => new ChunkStreamError(code, `${code} at 8`, { metadata: { offset: '8' } }),
  ),
];

describe('named errors', () => {
  it('carry their identifiers as fields and in metadata', () => {
    const error = new QuorumNotMetError(ref, 3, 5);
    expect(error).toBeInstanceOf(FedraError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('QuorumNotMetError');
    expect(error.code).toBe('QUORUM_NOT_MET');
    expect(error.grpcStatus).toBe(10);
    expect(error.ref).toEqual(ref);
    expect(error.metadata).toEqual({
      experimentId: 'exp-1',
      roundNumber: '4',
      attempt: '2',
      survivors: '3',
      required: '5',
    });
    expect(Object.isFrozen(error.metadata)).toBe(true);
  });

  it.each(samples.map((error) => [error.name, error.code, error] as const))(
    '%s (%s) is rebuilt from the wire as the same class',
    (_name, _code, error) => {
      const rebuilt = FedraError.fromWire(error.code, error.message, error.metadata);
      expect(rebuilt.constructor).toBe(error.constructor);
      expect(rebuilt.message).toBe(error.message);
      // Own enumerable fields: name, code, metadata and every identifier.
      expect(Object.entries(rebuilt)).toEqual(Object.entries(error));
    },
  );

  it('give each code at most one subclass', () => {
    const classByCode = new Map<string, unknown>();
    for (const error of samples) {
      const known = classByCode.get(error.code);
      expect(known === undefined || known === error.constructor).toBe(true);
      classByCode.set(error.code, error.constructor);
    }
  });
});

describe('FedraError.fromWire', () => {
  const codes = Object.keys(ERROR_CODES) as FedraErrorCode[];

  it('keeps exactly the message and metadata sent, for every code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.string(),
        fc.dictionary(fc.constantFrom('experimentId', 'field', 'offset', 'extra'), fc.string()),
        (code, message, metadata) => {
          const error = FedraError.fromWire(code, message, metadata);
          expect(error.code).toBe(code);
          expect(error.message).toBe(message);
          expect(error.metadata).toEqual(metadata);
        },
      ),
    );
  });

  it('turns unknown codes into the fallback and keeps the original in wireCode', () => {
    const error = FedraError.fromWire('SOME_FUTURE_CODE', 'later', { a: 'b' }, 'UNAVAILABLE');
    expect(error.constructor).toBe(UnavailableError);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.metadata).toEqual({ a: 'b', wireCode: 'SOME_FUTURE_CODE' });
    expect(FedraError.fromWire('X'.repeat(1000), 'm').metadata['wireCode']).toHaveLength(64);
    expect(FedraError.fromWire('toString', 'm').code).toBe('INTERNAL');
  });

  it('leaves numeric identifiers the wire lacked as NaN', () => {
    const error = FedraError.fromWire('ROUND_NOT_OPEN', 'closed', { experimentId: 'e' });
    expect(error).toBeInstanceOf(RoundNotOpenError);
    expect(error instanceof RoundNotOpenError && error.roundNumber).toBeNaN();
    expect(error.metadata).toEqual({ experimentId: 'e' });
  });
});

describe('FedraError.from', () => {
  it('passes FedraErrors through and hides anything else behind INTERNAL', () => {
    const known = new WorkerNotFoundError('w1');
    expect(FedraError.from(known)).toBe(known);
    const cause = new Error('db password hunter2');
    const wrapped = FedraError.from(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).toBe('internal error');
    expect(wrapped.cause).toBe(cause);
  });

  it('recognises codes only as own keys of the table', () => {
    expect(isFedraErrorCode('CHUNK_GAP')).toBe(true);
    expect(isFedraErrorCode('constructor')).toBe(false);
    expect(isFedraErrorCode(13)).toBe(false);
  });
});
