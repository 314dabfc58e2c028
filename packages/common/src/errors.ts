/**
 * Fedra's error model: one base class with a string code, named subclasses
 * that carry their identifiers, and a single table that says which gRPC
 * status each code travels as.
 *
 * Codes are part of the wire contract (the `fedra-error-code` trailer and the
 * `reason` of `google.rpc.ErrorInfo`): add codes freely, never rename one.
 *
 * @module
 */

/**
 * gRPC status codes, mirrored here so `@fedra/common` stays free of gRPC.
 * The numbers are fixed by the gRPC specification.
 */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** A gRPC status code number. */
export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus];

/**
 * Every Fedra error code, the gRPC status it travels as, and what it means.
 * The descriptions are for people reading logs and docs; messages on the
 * error itself say what to do about the particular case.
 */
export const ERROR_CODES = {
  // Generic.
  INTERNAL: {
    status: GrpcStatus.INTERNAL,
    description: 'unexpected failure; details are in the server log',
  },
  INVALID_ARGUMENT: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a request field is malformed',
  },
  INVALID_CONFIG: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a configuration key is missing, unknown or contradictory',
  },
  UNAVAILABLE: {
    status: GrpcStatus.UNAVAILABLE,
    description: 'a dependency (Redis, model store) is unreachable; retry',
  },
  UNIMPLEMENTED: {
    status: GrpcStatus.UNIMPLEMENTED,
    description: 'the RPC or feature is not implemented by this server',
  },
  CANCELLED: {
    status: GrpcStatus.CANCELLED,
    description: 'the call was cancelled, usually by the caller',
  },
  DEADLINE_EXCEEDED: {
    status: GrpcStatus.DEADLINE_EXCEEDED,
    description: "the call's own deadline passed before it completed",
  },
  RESOURCE_EXHAUSTED: {
    status: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'a size or rate limit was reached (message size, quota)',
  },
  OUT_OF_RANGE: {
    status: GrpcStatus.OUT_OF_RANGE,
    description:
      'an offset, cursor or position lies outside what exists (past the end, older than the retained history)',
  },
  REVISION_CONFLICT: {
    status: GrpcStatus.ABORTED,
    description: 'the stored revision is not the expected one; read the resource again and retry',
  },

  // Identity and access.
  UNAUTHENTICATED: { status: GrpcStatus.UNAUTHENTICATED, description: 'no usable client identity' },
  PERMISSION_DENIED: {
    status: GrpcStatus.PERMISSION_DENIED,
    description: "the caller's role may not call this RPC",
  },
  IDENTITY_MISMATCH: {
    status: GrpcStatus.PERMISSION_DENIED,
    description: 'the request names a worker other than the caller',
  },
  UNSUPPORTED_PROTOCOL: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description:
      "the coordinator does not speak the worker's protocol version or any of its secure-aggregation suites",
  },
  SESSION_NOT_FOUND: {
    status: GrpcStatus.NOT_FOUND,
    description:
      'the session is unknown or ended (the coordinator forgot it, or the worker re-registered); call Register again',
  },

  // Idempotency and lookups.
  REQUEST_ID_CONFLICT: {
    status: GrpcStatus.ALREADY_EXISTS,
    description: 'a request_id was reused with a different request',
  },
  ALREADY_EXISTS: { status: GrpcStatus.ALREADY_EXISTS, description: 'the resource already exists' },
  EXPERIMENT_NOT_FOUND: { status: GrpcStatus.NOT_FOUND, description: 'no such experiment' },
  ROUND_NOT_FOUND: { status: GrpcStatus.NOT_FOUND, description: 'no such round' },
  WORKER_NOT_FOUND: { status: GrpcStatus.NOT_FOUND, description: 'no such worker' },
  MODEL_VERSION_NOT_FOUND: { status: GrpcStatus.NOT_FOUND, description: 'no such model version' },
  BLOB_NOT_FOUND: {
    status: GrpcStatus.NOT_FOUND,
    description: 'no blob with that sha256 in the model store',
  },

  // Experiment specs.
  INVALID_SPEC: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'the experiment spec is invalid',
  },
  LANE_OVERFLOW: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'n_max x bound x scale reaches 2^31 in some lane',
  },

  // Round state.
  EXPERIMENT_NOT_RUNNING: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: 'the experiment is not running',
  },
  ROUND_NOT_OPEN: { status: GrpcStatus.FAILED_PRECONDITION, description: 'the round is not open' },
  WRONG_STAGE: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: 'the message belongs to another secure-aggregation stage',
  },
  STALE_ATTEMPT: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: 'the message belongs to another attempt of the round',
  },
  NOT_A_PARTICIPANT: {
    status: GrpcStatus.PERMISSION_DENIED,
    description: 'the caller is not a participant of this round attempt',
  },
  FENCED: {
    status: GrpcStatus.ABORTED,
    description: 'a newer driver owns this round; the write was rejected',
  },
  STAGE_DEADLINE_EXCEEDED: {
    status: GrpcStatus.DEADLINE_EXCEEDED,
    description: 'the stage deadline passed',
  },
  QUORUM_NOT_MET: {
    status: GrpcStatus.ABORTED,
    description: 'too few participants survived to complete the attempt',
  },
  POLICY_REFUSED: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: "the region's policy refuses this round or model",
  },
  WORKER_DRAINING: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: 'the worker is draining and takes no new rounds',
  },

  // Chunked streams (tensor codec).
  CHUNK_GAP: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a chunk starts after the end of the previous one',
  },
  CHUNK_OVERLAP: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a chunk starts before the end of the previous one',
  },
  CHUNK_OVERSIZE: {
    status: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'a chunk or the stream exceeds its size limit',
  },
  CHUNK_MISALIGNED: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a chunk offset or length is not a multiple of the element size',
  },
  DIGEST_MISMATCH: {
    status: GrpcStatus.DATA_LOSS,
    description: 'the sha256 of the received bytes differs from the declared digest',
  },
  TOTAL_MISMATCH: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'the stream ended with a byte count other than the declared total',
  },
  STREAM_INCOMPLETE: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'the stream ended before its final digest',
  },

  // Secure aggregation.
  SECAGG_INVALID_MESSAGE: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a secure-aggregation message is malformed or out of place',
  },
  SECAGG_REPLAY: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a secure-aggregation message was already received or belongs to another round',
  },
  SECAGG_BAD_SIGNATURE: {
    status: GrpcStatus.PERMISSION_DENIED,
    description: 'a signature did not verify against the pinned trust bundle',
  },
  SECAGG_DECRYPT_FAILED: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'an encrypted share failed authentication',
  },
  SECAGG_BAD_SHARE: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a revealed share does not match its commitment',
  },
  SECAGG_RECONSTRUCTION_FAILED: {
    status: GrpcStatus.INTERNAL,
    description: 'a rebuilt secret does not match its commitment',
  },
  SECAGG_UNMASK_REFUSED: {
    status: GrpcStatus.FAILED_PRECONDITION,
    description: 'the participant refuses to reveal the requested shares',
  },
  SECAGG_ABORTED: {
    status: GrpcStatus.ABORTED,
    description: 'the secure-aggregation attempt cannot complete',
  },
  VECTOR_LENGTH_MISMATCH: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'a vector has the wrong number of elements',
  },
  NON_FINITE_INPUT: {
    status: GrpcStatus.INVALID_ARGUMENT,
    description: 'an input contains NaN or Infinity',
  },
} as const satisfies Record<string, { status: GrpcStatusCode; description: string }>;

/** A Fedra error code: the stable, machine-readable reason for a failure. */
export type FedraErrorCode = keyof typeof ERROR_CODES;

/** True when `value` is a known Fedra error code. */
export function isFedraErrorCode(value: unknown): value is FedraErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Options for {@link FedraError}. */
export interface FedraErrorOptions {
  /** The underlying error. Logged by servers, never sent over the wire. */
  cause?: unknown;
  /**
   * Identifiers that help a client act on the error (experimentId,
   * roundNumber, field, …). Sent as `google.rpc.ErrorInfo.metadata`, so
   * never put secrets or tensor values here.
   */
  metadata?: Readonly<Record<string, string>>;
}

/**
 * Options for the named subclasses whose message has a sensible default.
 */
export interface NamedErrorOptions extends FedraErrorOptions {
  /**
   * Replaces the default message; {@link FedraError.fromWire} uses it to
   * keep the text the server sent.
   */
  message?: string;
}

/**
 * The base of every error Fedra raises on purpose. `code` says what happened
 * in a way programs can switch on; `message` says what to do about it.
 *
 * @example
 * ```ts
 * throw new FedraError('INVALID_SPEC', 'spec.rounds must be >= 1', { metadata: { field: 'rounds' } });
 * ```
 */
export class FedraError extends Error {
  /** The stable code; see {@link ERROR_CODES}. */
  readonly code: FedraErrorCode;
  /** Identifiers that travel with the error (never secrets). */
  readonly metadata: Readonly<Record<string, string>>;

  constructor(code: FedraErrorCode, message: string, options: FedraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FedraError';
    this.code = code;
    this.metadata = Object.freeze({ ...options.metadata });
  }

  /** The gRPC status this error travels as. */
  get grpcStatus(): GrpcStatusCode {
    return ERROR_CODES[this.code].status;
  }

  /**
   * Wraps anything thrown into a FedraError: FedraErrors pass through, all
   * else becomes `INTERNAL` with a generic message and the original as cause.
   */
  static from(error: unknown): FedraError {
    if (error instanceof FedraError) return error;
    return new FedraError('INTERNAL', 'internal error', { cause: error });
  }

  /**
   * Rebuilds an error received over the wire. Codes with a named subclass
   * come back as that subclass (so `instanceof QuorumNotMetError` works on a
   * client); other known codes as a plain FedraError. A code this build does
   * not know (a newer server) becomes `fallbackCode`, with the original code
   * kept in `metadata.wireCode`.
   *
   * Numeric identifiers missing from `metadata` come back as `NaN` and
   * string identifiers as `''`: the message and metadata are always exactly
   * what was sent.
   *
   * @param fallbackCode - used for unknown codes. @default 'INTERNAL'
   */
  static fromWire(
    code: string,
    message: string,
    metadata: Readonly<Record<string, string>> = {},
    fallbackCode: FedraErrorCode = 'INTERNAL',
  ): FedraError {
    if (!isFedraErrorCode(code)) {
      // Bounded so a hostile peer cannot inflate our logs through this field.
      const wireCode = code.slice(0, MAX_WIRE_CODE_LENGTH);
      return FedraError.fromWire(fallbackCode, message, { ...metadata, wireCode });
    }
    if (isChunkStreamErrorCode(code)) return new ChunkStreamError(code, message, { metadata });
    const factory = WIRE_FACTORIES[code];
    return factory === undefined
      ? new FedraError(code, message, { metadata })
      : factory(message, metadata);
  }
}

const MAX_WIRE_CODE_LENGTH = 64;

/** Identifies one attempt of one round; many round-state errors carry it. */
export interface RoundAttemptRef {
  /** The experiment. */
  readonly experimentId: string;
  /** The round, 1-based. */
  readonly roundNumber: number;
  /** The attempt of that round, 1-based. */
  readonly attempt: number;
}

/**
 * Merges a subclass's identifiers into its metadata. Caller-supplied
 * metadata wins so an error rebuilt from the wire keeps exactly what was
 * sent; empty strings and non-finite numbers (identifiers the wire
 * lacked) are left out.
 */
function withIds(
  identifiers: Readonly<Record<string, string | number>>,
  options: FedraErrorOptions,
): FedraErrorOptions {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(identifiers)) {
    if (typeof value === 'string' ? value !== '' : Number.isFinite(value)) {
      metadata[key] = String(value);
    }
  }
  return { cause: options.cause, metadata: { ...metadata, ...options.metadata } };
}

function refIds(ref: RoundAttemptRef): Record<string, string | number> {
  return {
    experimentId: ref.experimentId,
    roundNumber: ref.roundNumber,
    attempt: ref.attempt,
  };
}

/** A request field is malformed. */
export class InvalidArgumentError extends FedraError {
  /** The offending field or parameter, dotted for nested fields (`spec.rounds`). */
  readonly field: string;

  constructor(field: string, message: string, options: FedraErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, withIds({ field }, options));
    this.name = 'InvalidArgumentError';
    this.field = field;
  }
}

/** Options for {@link ConfigError}. */
export interface ConfigErrorOptions extends FedraErrorOptions {
  /** The environment variable that sets the key, when there is one. */
  envVar?: string;
}

/** A configuration key is missing, unknown, malformed or contradictory. */
export class ConfigError extends FedraError {
  /** The configuration key (schema name, camelCase). */
  readonly key: string;
  /** The environment variable for the key (`FEDRA_…`), or `''` when none. */
  readonly envVar: string;

  constructor(key: string, message: string, options: ConfigErrorOptions = {}) {
    const envVar = options.envVar ?? '';
    super('INVALID_CONFIG', message, withIds(envVar ? { key, envVar } : { key }, options));
    this.name = 'ConfigError';
    this.key = key;
    this.envVar = envVar;
  }
}

/** A dependency (Redis, the model store) is unreachable; the call may be retried. */
export class UnavailableError extends FedraError {
  /** What is unreachable, e.g. `'redis'`, `'model-store'`. */
  readonly dependency: string;

  constructor(dependency: string, options: NamedErrorOptions = {}) {
    super(
      'UNAVAILABLE',
      options.message ?? `${dependency} is unavailable; retry later`,
      withIds({ dependency }, options),
    );
    this.name = 'UnavailableError';
    this.dependency = dependency;
  }
}

/** The caller presented no usable identity (no or unreadable client certificate). */
export class UnauthenticatedError extends FedraError {
  constructor(options: NamedErrorOptions = {}) {
    super('UNAUTHENTICATED', options.message ?? 'no usable client identity', withIds({}, options));
    this.name = 'UnauthenticatedError';
  }
}

/** The caller's role may not call this RPC. */
export class PermissionDeniedError extends FedraError {
  /** Who called: a SPIFFE id or a role name. */
  readonly principal: string;
  /** What was refused, e.g. the full RPC method name. */
  readonly action: string;

  constructor(principal: string, action: string, options: NamedErrorOptions = {}) {
    super(
      'PERMISSION_DENIED',
      options.message ?? `${principal} may not call ${action}`,
      withIds({ principal, action }, options),
    );
    this.name = 'PermissionDeniedError';
    this.principal = principal;
    this.action = action;
  }
}

/** The request names a worker other than the one in the caller's certificate. */
export class IdentityMismatchError extends FedraError {
  /** The worker the certificate identifies. */
  readonly workerId: string;
  /** The worker the request named. */
  readonly requestedWorkerId: string;

  constructor(workerId: string, requestedWorkerId: string, options: NamedErrorOptions = {}) {
    super(
      'IDENTITY_MISMATCH',
      options.message ?? `worker ${workerId} may not act as worker ${requestedWorkerId}`,
      withIds({ workerId, requestedWorkerId }, options),
    );
    this.name = 'IdentityMismatchError';
    this.workerId = workerId;
    this.requestedWorkerId = requestedWorkerId;
  }
}

/** A `request_id` was reused with a different request. */
export class RequestIdConflictError extends FedraError {
  /** The reused idempotency key. */
  readonly requestId: string;

  constructor(requestId: string, options: NamedErrorOptions = {}) {
    super(
      'REQUEST_ID_CONFLICT',
      options.message ?? `request_id ${requestId} was already used for a different request`,
      withIds({ requestId }, options),
    );
    this.name = 'RequestIdConflictError';
    this.requestId = requestId;
  }
}

/** No experiment has this id. */
export class ExperimentNotFoundError extends FedraError {
  /** The experiment looked up. */
  readonly experimentId: string;

  constructor(experimentId: string, options: NamedErrorOptions = {}) {
    super(
      'EXPERIMENT_NOT_FOUND',
      options.message ?? `experiment ${experimentId} not found`,
      withIds({ experimentId }, options),
    );
    this.name = 'ExperimentNotFoundError';
    this.experimentId = experimentId;
  }
}

/** The experiment has no such round (yet). */
export class RoundNotFoundError extends FedraError {
  /** The experiment. */
  readonly experimentId: string;
  /** The round looked up, 1-based. */
  readonly roundNumber: number;

  constructor(experimentId: string, roundNumber: number, options: NamedErrorOptions = {}) {
    super(
      'ROUND_NOT_FOUND',
      options.message ?? `experiment ${experimentId} has no round ${roundNumber}`,
      withIds({ experimentId, roundNumber }, options),
    );
    this.name = 'RoundNotFoundError';
    this.experimentId = experimentId;
    this.roundNumber = roundNumber;
  }
}

/** No registered worker has this id. */
export class WorkerNotFoundError extends FedraError {
  /** The worker looked up. */
  readonly workerId: string;

  constructor(workerId: string, options: NamedErrorOptions = {}) {
    super(
      'WORKER_NOT_FOUND',
      options.message ?? `worker ${workerId} not found`,
      withIds({ workerId }, options),
    );
    this.name = 'WorkerNotFoundError';
    this.workerId = workerId;
  }
}

/** The experiment has no such model version. */
export class ModelVersionNotFoundError extends FedraError {
  /** The experiment. */
  readonly experimentId: string;
  /** The version looked up (0 is the initial model, r the model after round r). */
  readonly version: number;

  constructor(experimentId: string, version: number, options: NamedErrorOptions = {}) {
    super(
      'MODEL_VERSION_NOT_FOUND',
      options.message ?? `experiment ${experimentId} has no model version ${version}`,
      withIds({ experimentId, version }, options),
    );
    this.name = 'ModelVersionNotFoundError';
    this.experimentId = experimentId;
    this.version = version;
  }
}

/** The experiment is not in a state that allows the call. */
export class ExperimentNotRunningError extends FedraError {
  /** The experiment. */
  readonly experimentId: string;
  /** Its current state, as the server names it. */
  readonly state: string;

  constructor(experimentId: string, state: string, options: NamedErrorOptions = {}) {
    super(
      'EXPERIMENT_NOT_RUNNING',
      options.message ?? `experiment ${experimentId} is not running (state ${state})`,
      withIds({ experimentId, state }, options),
    );
    this.name = 'ExperimentNotRunningError';
    this.experimentId = experimentId;
    this.state = state;
  }
}

/** The round is not open (not started yet, or already committed or aborted). */
export class RoundNotOpenError extends FedraError {
  /** The experiment. */
  readonly experimentId: string;
  /** The round, 1-based. */
  readonly roundNumber: number;

  constructor(experimentId: string, roundNumber: number, options: NamedErrorOptions = {}) {
    super(
      'ROUND_NOT_OPEN',
      options.message ?? `round ${roundNumber} of experiment ${experimentId} is not open`,
      withIds({ experimentId, roundNumber }, options),
    );
    this.name = 'RoundNotOpenError';
    this.experimentId = experimentId;
    this.roundNumber = roundNumber;
  }
}

/** A message for one secure-aggregation stage arrived while the attempt is in another. */
export class WrongStageError extends FedraError {
  /** The attempt the message was for. */
  readonly ref: RoundAttemptRef;
  /** The stage the attempt is in. */
  readonly currentStage: string;
  /** The stage the message belongs to. */
  readonly receivedStage: string;

  constructor(
    ref: RoundAttemptRef,
    currentStage: string,
    receivedStage: string,
    options: NamedErrorOptions = {},
  ) {
    super(
      'WRONG_STAGE',
      options.message ??
        `round ${ref.roundNumber} attempt ${ref.attempt} is in stage ${currentStage}, not ${receivedStage}`,
      withIds({ ...refIds(ref), currentStage, receivedStage }, options),
    );
    this.name = 'WrongStageError';
    this.ref = Object.freeze({ ...ref });
    this.currentStage = currentStage;
    this.receivedStage = receivedStage;
  }
}

/** A message names an attempt other than the round's current one. */
export class StaleAttemptError extends FedraError {
  /** The round and its current attempt. */
  readonly ref: RoundAttemptRef;
  /** The attempt the message named. */
  readonly receivedAttempt: number;

  constructor(ref: RoundAttemptRef, receivedAttempt: number, options: NamedErrorOptions = {}) {
    super(
      'STALE_ATTEMPT',
      options.message ??
        `round ${ref.roundNumber} is on attempt ${ref.attempt}; attempt ${receivedAttempt} is over`,
      withIds({ ...refIds(ref), receivedAttempt }, options),
    );
    this.name = 'StaleAttemptError';
    this.ref = Object.freeze({ ...ref });
    this.receivedAttempt = receivedAttempt;
  }
}

/** The caller is not a participant of this round attempt. */
export class NotAParticipantError extends FedraError {
  /** The attempt. */
  readonly ref: RoundAttemptRef;
  /** The caller. */
  readonly workerId: string;

  constructor(ref: RoundAttemptRef, workerId: string, options: NamedErrorOptions = {}) {
    super(
      'NOT_A_PARTICIPANT',
      options.message ??
        `worker ${workerId} is not a participant of round ${ref.roundNumber} attempt ${ref.attempt}`,
      withIds({ ...refIds(ref), workerId }, options),
    );
    this.name = 'NotAParticipantError';
    this.ref = Object.freeze({ ...ref });
    this.workerId = workerId;
  }
}

/** A newer driver owns the round; this write was rejected by the fencing check. */
export class FencedError extends FedraError {
  /** The attempt. */
  readonly ref: RoundAttemptRef;
  /** The fencing epoch the rejected write carried. */
  readonly fencingEpoch: number;

  constructor(ref: RoundAttemptRef, fencingEpoch: number, options: NamedErrorOptions = {}) {
    super(
      'FENCED',
      options.message ??
        `round ${ref.roundNumber} attempt ${ref.attempt} is owned by a driver newer than epoch ${fencingEpoch}`,
      withIds({ ...refIds(ref), fencingEpoch }, options),
    );
    this.name = 'FencedError';
    this.ref = Object.freeze({ ...ref });
    this.fencingEpoch = fencingEpoch;
  }
}

/** The deadline of a secure-aggregation stage passed. */
export class StageDeadlineExceededError extends FedraError {
  /** The attempt. */
  readonly ref: RoundAttemptRef;
  /** The stage whose deadline passed. */
  readonly stage: string;

  constructor(ref: RoundAttemptRef, stage: string, options: NamedErrorOptions = {}) {
    super(
      'STAGE_DEADLINE_EXCEEDED',
      options.message ??
        `the ${stage} deadline of round ${ref.roundNumber} attempt ${ref.attempt} passed`,
      withIds({ ...refIds(ref), stage }, options),
    );
    this.name = 'StageDeadlineExceededError';
    this.ref = Object.freeze({ ...ref });
    this.stage = stage;
  }
}

/** Too few participants survived for the attempt to complete; it is retried. */
export class QuorumNotMetError extends FedraError {
  /** The aborted attempt. */
  readonly ref: RoundAttemptRef;
  /** How many participants survived. */
  readonly survivors: number;
  /** How many were needed. */
  readonly required: number;

  constructor(
    ref: RoundAttemptRef,
    survivors: number,
    required: number,
    options: NamedErrorOptions = {},
  ) {
    super(
      'QUORUM_NOT_MET',
      options.message ??
        `round ${ref.roundNumber} attempt ${ref.attempt}: ${survivors} survivors, ${required} required`,
      withIds({ ...refIds(ref), survivors, required }, options),
    );
    this.name = 'QuorumNotMetError';
    this.ref = Object.freeze({ ...ref });
    this.survivors = survivors;
    this.required = required;
  }
}

/** The region's policy refuses this round or model. */
export class PolicyRefusedError extends FedraError {
  /** The policy rule that refused, e.g. `'minCohort'`, `'maxParameters'`. */
  readonly rule: string;

  constructor(rule: string, message: string, options: FedraErrorOptions = {}) {
    super('POLICY_REFUSED', message, withIds({ rule }, options));
    this.name = 'PolicyRefusedError';
    this.rule = rule;
  }
}

/** The worker is draining and takes no new rounds. */
export class WorkerDrainingError extends FedraError {
  /** The draining worker. */
  readonly workerId: string;

  constructor(workerId: string, options: NamedErrorOptions = {}) {
    super(
      'WORKER_DRAINING',
      options.message ?? `worker ${workerId} is draining`,
      withIds({ workerId }, options),
    );
    this.name = 'WorkerDrainingError';
    this.workerId = workerId;
  }
}

/** The worker speaks a protocol version or secure-aggregation suites the coordinator does not. */
export class UnsupportedProtocolError extends FedraError {
  /** What is unsupported: `'protocol_version'` or `'secagg_suites'`. */
  readonly field: string;

  constructor(field: string, message: string, options: FedraErrorOptions = {}) {
    super('UNSUPPORTED_PROTOCOL', message, withIds({ field }, options));
    this.name = 'UnsupportedProtocolError';
    this.field = field;
  }
}

/** A worker's session is unknown or ended; the worker should call Register again. */
export class SessionNotFoundError extends FedraError {
  /** The worker whose session was looked up. */
  readonly workerId: string;

  constructor(workerId: string, options: NamedErrorOptions = {}) {
    super(
      'SESSION_NOT_FOUND',
      options.message ?? `worker ${workerId} has no such session; call Register again`,
      withIds({ workerId }, options),
    );
    this.name = 'SessionNotFoundError';
    this.workerId = workerId;
  }
}

/** An update named an expected revision that is no longer the stored one. */
export class RevisionConflictError extends FedraError {
  /** What was updated, e.g. `'region-policy/eu'`. */
  readonly resource: string;
  /** The revision the caller expected. */
  readonly expectedRevision: number;
  /** The revision stored now. */
  readonly revision: number;

  constructor(
    resource: string,
    expectedRevision: number,
    revision: number,
    options: NamedErrorOptions = {},
  ) {
    super(
      'REVISION_CONFLICT',
      options.message ??
        `${resource} is at revision ${revision}, not ${expectedRevision}; read it again and retry`,
      withIds({ resource, expectedRevision, revision }, options),
    );
    this.name = 'RevisionConflictError';
    this.resource = resource;
    this.expectedRevision = expectedRevision;
    this.revision = revision;
  }
}

/** An offset, cursor or position lies outside what exists. */
export class OutOfRangeError extends FedraError {
  /** The offending field, e.g. `'offset'` or `'cursor'`. */
  readonly field: string;

  constructor(field: string, message: string, options: FedraErrorOptions = {}) {
    super('OUT_OF_RANGE', message, withIds({ field }, options));
    this.name = 'OutOfRangeError';
    this.field = field;
  }
}

/** The codes a chunk stream can fail with; see {@link ChunkStreamError}. */
export const CHUNK_STREAM_ERROR_CODES = [
  'CHUNK_GAP',
  'CHUNK_OVERLAP',
  'CHUNK_OVERSIZE',
  'CHUNK_MISALIGNED',
  'DIGEST_MISMATCH',
  'TOTAL_MISMATCH',
  'STREAM_INCOMPLETE',
] as const satisfies readonly FedraErrorCode[];

/** A code a chunk stream can fail with. */
export type ChunkStreamErrorCode = (typeof CHUNK_STREAM_ERROR_CODES)[number];

/** True when `code` is one of {@link CHUNK_STREAM_ERROR_CODES}. */
export function isChunkStreamErrorCode(code: string): code is ChunkStreamErrorCode {
  return (CHUNK_STREAM_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A chunked tensor stream is malformed (gap, overlap, size, alignment,
 * digest, total). `metadata` carries offsets and sizes, never data.
 */
export class ChunkStreamError extends FedraError {
  declare readonly code: ChunkStreamErrorCode;

  constructor(code: ChunkStreamErrorCode, message: string, options: FedraErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ChunkStreamError';
  }
}

type WireFactory = (message: string, metadata: Readonly<Record<string, string>>) => FedraError;

function text(metadata: Readonly<Record<string, string>>, key: string): string {
  return metadata[key] ?? '';
}

function int(metadata: Readonly<Record<string, string>>, key: string): number {
  const value = metadata[key];
  return value !== undefined && /^-?\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

function refFrom(metadata: Readonly<Record<string, string>>): RoundAttemptRef {
  return {
    experimentId: text(metadata, 'experimentId'),
    roundNumber: int(metadata, 'roundNumber'),
    attempt: int(metadata, 'attempt'),
  };
}

/**
 * The codes that have a named subclass, and how to rebuild it from what
 * travels on the wire. Each factory keeps the wire's message and metadata.
 */
const WIRE_FACTORIES: Partial<Record<FedraErrorCode, WireFactory>> = {
  INVALID_ARGUMENT: (message, metadata) =>
    new InvalidArgumentError(text(metadata, 'field'), message, { metadata }),
  INVALID_CONFIG: (message, metadata) =>
    new ConfigError(text(metadata, 'key'), message, {
      envVar: text(metadata, 'envVar'),
      metadata,
    }),
  UNAVAILABLE: (message, metadata) =>
    new UnavailableError(text(metadata, 'dependency'), { message, metadata }),
  UNAUTHENTICATED: (message, metadata) => new UnauthenticatedError({ message, metadata }),
  PERMISSION_DENIED: (message, metadata) =>
    new PermissionDeniedError(text(metadata, 'principal'), text(metadata, 'action'), {
      message,
      metadata,
    }),
  IDENTITY_MISMATCH: (message, metadata) =>
    new IdentityMismatchError(text(metadata, 'workerId'), text(metadata, 'requestedWorkerId'), {
      message,
      metadata,
    }),
  REQUEST_ID_CONFLICT: (message, metadata) =>
    new RequestIdConflictError(text(metadata, 'requestId'), { message, metadata }),
  EXPERIMENT_NOT_FOUND: (message, metadata) =>
    new ExperimentNotFoundError(text(metadata, 'experimentId'), { message, metadata }),
  ROUND_NOT_FOUND: (message, metadata) =>
    new RoundNotFoundError(text(metadata, 'experimentId'), int(metadata, 'roundNumber'), {
      message,
      metadata,
    }),
  WORKER_NOT_FOUND: (message, metadata) =>
    new WorkerNotFoundError(text(metadata, 'workerId'), { message, metadata }),
  MODEL_VERSION_NOT_FOUND: (message, metadata) =>
    new ModelVersionNotFoundError(text(metadata, 'experimentId'), int(metadata, 'version'), {
      message,
      metadata,
    }),
  EXPERIMENT_NOT_RUNNING: (message, metadata) =>
    new ExperimentNotRunningError(text(metadata, 'experimentId'), text(metadata, 'state'), {
      message,
      metadata,
    }),
  ROUND_NOT_OPEN: (message, metadata) =>
    new RoundNotOpenError(text(metadata, 'experimentId'), int(metadata, 'roundNumber'), {
      message,
      metadata,
    }),
  WRONG_STAGE: (message, metadata) =>
    new WrongStageError(
      refFrom(metadata),
      text(metadata, 'currentStage'),
      text(metadata, 'receivedStage'),
      { message, metadata },
    ),
  STALE_ATTEMPT: (message, metadata) =>
    new StaleAttemptError(refFrom(metadata), int(metadata, 'receivedAttempt'), {
      message,
      metadata,
    }),
  NOT_A_PARTICIPANT: (message, metadata) =>
    new NotAParticipantError(refFrom(metadata), text(metadata, 'workerId'), { message, metadata }),
  FENCED: (message, metadata) =>
    new FencedError(refFrom(metadata), int(metadata, 'fencingEpoch'), { message, metadata }),
  STAGE_DEADLINE_EXCEEDED: (message, metadata) =>
    new StageDeadlineExceededError(refFrom(metadata), text(metadata, 'stage'), {
      message,
      metadata,
    }),
  QUORUM_NOT_MET: (message, metadata) =>
    new QuorumNotMetError(
      refFrom(metadata),
      int(metadata, 'survivors'),
      int(metadata, 'required'),
      {
        message,
        metadata,
      },
    ),
  POLICY_REFUSED: (message, metadata) =>
    new PolicyRefusedError(text(metadata, 'rule'), message, { metadata }),
  WORKER_DRAINING: (message, metadata) =>
    new WorkerDrainingError(text(metadata, 'workerId'), { message, metadata }),
  UNSUPPORTED_PROTOCOL: (message, metadata) =>
    new UnsupportedProtocolError(text(metadata, 'field'), message, { metadata }),
  SESSION_NOT_FOUND: (message, metadata) =>
    new SessionNotFoundError(text(metadata, 'workerId'), { message, metadata }),
  REVISION_CONFLICT: (message, metadata) =>
    new RevisionConflictError(
      text(metadata, 'resource'),
      int(metadata, 'expectedRevision'),
      int(metadata, 'revision'),
      { message, metadata },
    ),
  OUT_OF_RANGE: (message, metadata) =>
    new OutOfRangeError(text(metadata, 'field'), message, { metadata }),
};
