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
}
