/**
 * The records the coordinator keeps in Redis, as the rest of the code sees
 * them. Lifecycle states are documented string unions; the stores in this
 * folder convert them to and from Redis hashes.
 *
 * @module
 */
import type { SecAggStage } from '@fedra/secagg';

/**
 * Lifecycle of an experiment.
 *
 * - `'CREATED'`: validated and stored with model version 0; no round scheduled.
 * - `'RUNNING'`: rounds are being selected and run.
 * - `'COMPLETED'`: every round committed; the last model version is final.
 * - `'CANCELLED'`: cancelled by its owner; committed versions stay downloadable.
 * - `'FAILED'`: stopped by an unrecoverable error (e.g. a round ran out of attempts).
 */
export type ExperimentLifecycle = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/** Every {@link ExperimentLifecycle} value. */
export const EXPERIMENT_LIFECYCLES: readonly ExperimentLifecycle[] = Object.freeze([
  'CREATED',
  'RUNNING',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
]);

/** Descriptive metadata of an experiment (ExperimentMetadata on the wire). */
export interface ExperimentMetadataRecord {
  /** A short name. */
  readonly displayName: string;
  /** Free-form description. */
  readonly description: string;
  /** Free-form labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An experiment as stored. */
export interface ExperimentRecord {
  /** The coordinator-assigned id. */
  readonly experimentId: string;
  /** SPIFFE id of the scientist who created it. */
  readonly owner: string;
  /** Lifecycle state. */
  readonly state: ExperimentLifecycle;
  /** The serialized fedra.v1.ExperimentSpec, exactly as hashed and sent to workers. */
  readonly specBytes: Buffer;
  /** sha256 of `specBytes`, lower-case hex. */
  readonly specSha256: string;
  /** Name, description, labels. */
  readonly metadata: ExperimentMetadataRecord;
  /** The round being run (or the next to run); 0 before start. */
  readonly currentRound: number;
  /** The attempt of `currentRound` being run or to be selected next. */
  readonly currentAttempt: number;
  /** The newest committed model version (0 = the initial weights). */
  readonly latestModelVersion: number;
  /** Creation time, ms since the epoch (Redis TIME). */
  readonly createTimeMs: number;
  /** Start time, or 0 while CREATED. */
  readonly startTimeMs: number;
  /** When it reached a final state, or 0. */
  readonly finishTimeMs: number;
  /** Why it was cancelled or failed. */
  readonly statusDetail: string;
}

/**
 * Where a round attempt is.
 *
 * - the five secure-aggregation stages (`'setup'` … `'unmask'`): the stage is
 *   open for messages (phase `'open'`) or being closed by a driver (`'closing'`);
 * - `'committed'`: the model version is stored; the attempt is over;
 * - `'aborted'`: the attempt was abandoned; a retry is a new attempt.
 */
export type AttemptStage = SecAggStage | 'committed' | 'aborted';

/**
 * Whether the open stage takes messages.
 *
 * - `'open'`: Fleet RPCs may store messages in the stage's inbox.
 * - `'closing'`: a driver took ownership (bumped the fencing epoch); the
 *   inbox is frozen so every retry of the driver step sees the same input.
 */
export type StagePhase = 'open' | 'closing';

/** A worker selected into an attempt. */
export interface ParticipantRecord {
  /** The worker id (from its certificate). */
  readonly workerId: string;
  /** Its region (from its certificate). */
  readonly region: string;
}

/**
 * Why an attempt was aborted (the wire's AbortReason without its prefix).
 *
 * - `'QUORUM_NOT_MET'`: too few survivors or a secret lacked t live holders.
 * - `'RECONSTRUCTION_FAILED'`: a rebuilt secret did not match its commitment.
 * - `'CANCELLED'`: the experiment was cancelled.
 * - `'INTERNAL'`: an unexpected failure (see the log).
 */
export type AttemptAbortReason =
  'QUORUM_NOT_MET' | 'RECONSTRUCTION_FAILED' | 'CANCELLED' | 'INTERNAL';

/** One attempt of one round, as stored in its Redis hash. */
export interface AttemptRecord {
  /** The experiment. */
  readonly experimentId: string;
  /** The round, 1-based. */
  readonly roundNumber: number;
  /** The attempt, 1-based. */
  readonly attempt: number;
  /** Where the attempt is. */
  readonly stage: AttemptStage;
  /** Whether the open stage takes messages. */
  readonly phase: StagePhase;
  /** The fencing epoch; every driver that takes the attempt over increments it. */
  readonly epoch: number;
  /** The open stage's deadline, ms since the epoch (Redis TIME). */
  readonly deadlineMs: number;
  /** When the last driver claimed the attempt (ms), or 0. */
  readonly claimedAtMs: number;
  /** When the attempt opened. */
  readonly openTimeMs: number;
  /** When it committed or aborted, or 0. */
  readonly endTimeMs: number;
  /** Every selected worker, sorted by worker id. */
  readonly participants: readonly ParticipantRecord[];
  /** The serialized fedra.v1.RoundConfig. */
  readonly roundConfig: Buffer;
  /** sha256 of `roundConfig` (the config hash every signature binds), hex. */
  readonly configSha256: string;
  /** The coordinator's signature over the config hash (empty when insecure). */
  readonly configSignature: Buffer;
  /** Its algorithm, e.g. `ed25519`; empty when unsigned. */
  readonly configSignatureAlgorithm: string;
  /** The model version the participants train from. */
  readonly baseModelVersion: number;
  /** Its weights' sha256, hex. */
  readonly baseModelSha256: string;
  /** Elements of the masked vector. */
  readonly vectorLength: number;
  /** sha256 of the persisted masked running sum (after collect-masked), or ''. */
  readonly runningSumSha256: string;
  /** Why it was aborted, when it was. */
  readonly abortReason: AttemptAbortReason | '';
  /** Abort detail in words. */
  readonly abortDetail: string;
}

/** A participant the coordinator dropped from an attempt. */
export interface DropRecord {
  /** The worker. */
  readonly workerId: string;
  /** The stage in which it was dropped. */
  readonly stage: SecAggStage;
  /** The wire DropReason without prefix, e.g. `'DEADLINE_MISSED'`. */
  readonly reason: 'DEADLINE_MISSED' | 'REFUSED' | 'INVALID_MESSAGE' | 'DISCONNECTED' | 'EVICTED';
  /** The worker's refusal reason (wire RefusalReason name), when refused. */
  readonly refusalReason: string;
  /** Human-readable detail (an error code); never secrets. */
  readonly detail: string;
}

/**
 * A round event for WatchExperiment, as stored in the experiment's event
 * stream (one JSON field). The services turn it into a
 * WatchExperimentResponse.
 */
export type RoundEvent =
  | {
      readonly kind: 'round-opened';
      readonly roundNumber: number;
      readonly attempt: number;
      readonly participants: number;
      readonly participantsByRegion: Readonly<Record<string, number>>;
      readonly k: number;
      readonly t: number;
      readonly baseModelVersion: number;
    }
  | {
      readonly kind: 'stage-changed';
      readonly roundNumber: number;
      readonly attempt: number;
      readonly stage: SecAggStage;
      readonly liveParticipants: number;
      readonly deadlineMs: number;
    }
  | {
      readonly kind: 'participant-dropped';
      readonly roundNumber: number;
      readonly attempt: number;
      readonly drop: DropRecord;
      readonly region: string;
    }
  | {
      readonly kind: 'round-committed';
      readonly roundNumber: number;
      readonly attempt: number;
      readonly version: number;
      readonly weightsSha256: string;
      readonly sizeBytes: number;
      readonly commitTimeMs: number;
      readonly metrics: RoundSummaryMetrics;
    }
  | {
      readonly kind: 'attempt-aborted';
      readonly roundNumber: number;
      readonly attempt: number;
      readonly reason: AttemptAbortReason;
      readonly detail: string;
      readonly willRetry: boolean;
    }
  | {
      readonly kind: 'experiment-finished';
      readonly state: ExperimentLifecycle;
      readonly detail: string;
      readonly finalModelVersion: number;
    };

/** What a committed round achieved (RoundMetrics on the wire). */
export interface RoundSummaryMetrics {
  /** Mean training loss. */
  readonly trainLoss: number;
  /** Mean training accuracy. */
  readonly trainAccuracy: number;
  /** Sum of the survivors' weights. */
  readonly totalWeight: number;
  /** Workers selected into the committed attempt. */
  readonly participants: number;
  /** Participants whose update is in the sum. */
  readonly survivors: number;
  /** Attempts the round needed. */
  readonly attempts: number;
  /** Round open (first attempt) to commit, ms. */
  readonly durationMs: number;
}
