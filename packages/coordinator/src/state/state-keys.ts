/**
 * The one place Redis key names are spelled. Every key starts with the
 * configured prefix; every key of one experiment carries the hash tag
 * `{exp:<id>}`, so the Lua scripts that touch several of them (the fenced
 * round transitions) run in one Redis Cluster slot.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';

/** Identifies one attempt of one round; the key space of a round's state. */
export interface AttemptKey {
  /** The experiment. */
  readonly experimentId: string;
  /** The round, 1-based. */
  readonly roundNumber: number;
  /** The attempt of that round, 1-based. */
  readonly attempt: number;
}

/** Experiment ids the coordinator accepts: also path segments and BullMQ job-id parts. */
const EXPERIMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** True when `value` can be an experiment id (checked before it reaches a key). */
export function isValidExperimentId(value: string): boolean {
  return EXPERIMENT_ID.test(value);
}

/**
 * Redis key names of one coordinator deployment.
 *
 * @example
 * ```ts
 * const keys = new StateKeys('fedra');
 * keys.experiment('x1'); // 'fedra:{exp:x1}:meta'
 * ```
 */
export class StateKeys {
  /** The prefix every key starts with. */
  readonly prefix: string;

  /** @throws InvalidArgumentError (field `keyPrefix`) when the prefix is empty or has a brace. */
  constructor(prefix: string) {
    if (prefix.length === 0 || /[{}\s]/.test(prefix)) {
      throw new InvalidArgumentError(
        'keyPrefix',
        'keyPrefix must be non-empty, without braces or spaces',
      );
    }
    this.prefix = prefix;
  }

  #exp(experimentId: string): string {
    if (!isValidExperimentId(experimentId)) {
      throw new InvalidArgumentError('experiment_id', 'experiment_id is not a valid experiment id');
    }
    return `${this.prefix}:{exp:${experimentId}}`;
  }

  #attempt(key: AttemptKey): string {
    return `${this.#exp(key.experimentId)}:r:${key.roundNumber}:a:${key.attempt}`;
  }

  /** Hash: the experiment record (spec bytes, state, owner, counters). */
  experiment(experimentId: string): string {
    return `${this.#exp(experimentId)}:meta`;
  }

  /** Stream: the experiment's round events, read by WatchExperiment. */
  events(experimentId: string): string {
    return `${this.#exp(experimentId)}:events`;
  }

  /** Hash: one round's summary (latest attempt, commit info, metrics). */
  round(experimentId: string, roundNumber: number): string {
    return `${this.#exp(experimentId)}:round:${roundNumber}`;
  }

  /** String: set once (SET NX) when round `roundNumber` committed. */
  committed(experimentId: string, roundNumber: number): string {
    return `${this.#exp(experimentId)}:committed:${roundNumber}`;
  }

  /** Hash: the attempt record (stage, phase, fencing epoch, deadline, participants…). */
  attempt(key: AttemptKey): string {
    return `${this.#attempt(key)}:state`;
  }

  /** String: the AggregatorSession snapshot (JSON) as of the last transition. */
  snapshot(key: AttemptKey): string {
    return `${this.#attempt(key)}:snapshot`;
  }

  /** Set: the participants expected to send in the open stage. */
  expected(key: AttemptKey): string {
    return `${this.#attempt(key)}:expected`;
  }

  /** Hash: worker id → the message it sent in `stage` (serialized request bytes). */
  inbox(key: AttemptKey, stage: string): string {
    return `${this.#attempt(key)}:inbox:${stage}`;
  }

  /** Hash: worker id → what the open stage has for it (serialized response bytes). */
  outbox(key: AttemptKey): string {
    return `${this.#attempt(key)}:outbox`;
  }

  /** Hash: worker id → why and when it was dropped (JSON). */
  drops(key: AttemptKey): string {
    return `${this.#attempt(key)}:drops`;
  }

  /** Hash: worker id → its masked upload's start parameters (JSON), fixed by its first start. */
  uploads(key: AttemptKey): string {
    return `${this.#attempt(key)}:uploads`;
  }

  /** Hash: `<stage>/<worker>` → 1 once the stage's task was queued for the worker. */
  notified(key: AttemptKey): string {
    return `${this.#attempt(key)}:notified`;
  }

  /**
   * Hash: worker id → the client certificate (DER) each participant had
   * registered when the attempt was selected; the attempt's signatures are
   * verified, and certificates relayed to peers, from these.
   */
  certificates(key: AttemptKey): string {
    return `${this.#attempt(key)}:certificates`;
  }

  /** Sorted set: every experiment id, scored by creation time (ms). */
  experiments(): string {
    return `${this.prefix}:experiments`;
  }

  /** Sorted set: one owner's experiment ids, scored by creation time (ms). */
  ownerExperiments(ownerDigest: string): string {
    return `${this.prefix}:owner:${ownerDigest}:experiments`;
  }

  /** Set: ids of experiments in state RUNNING, for the sweeper. */
  runningExperiments(): string {
    return `${this.prefix}:experiments:running`;
  }

  /** Hash: a registered worker. */
  worker(workerId: string): string {
    return `${this.prefix}:worker:${workerId}`;
  }

  /** Stream: a worker's tasks (StreamTasks reads it from the worker's cursor). */
  workerTasks(workerId: string): string {
    return `${this.prefix}:worker:${workerId}:tasks`;
  }

  /** Sorted set (all scores 0): `<region>/<workerId>` of every registered worker, in list order. */
  workers(): string {
    return `${this.prefix}:workers`;
  }

  /** Hash: the coordinator's policy for one region. */
  regionPolicy(region: string): string {
    return `${this.prefix}:region-policy:${region}`;
  }

  /** String: an idempotency record (JSON). */
  idempotency(scope: string, requestId: string): string {
    return `${this.prefix}:idem:${scope}:${requestId}`;
  }

  /** Hash: replica id → last-seen report (JSON). */
  replicas(): string {
    return `${this.prefix}:replicas`;
  }

  /** The audit log's key prefix (its own hash tag, so its keys share a slot). */
  auditPrefix(): string {
    return `${this.prefix}:{audit}`;
  }

  /** String: set with the audit record's seq once a once-only audit entry was appended. */
  auditOnce(token: string): string {
    return `${this.prefix}:{audit}:once:${token}`;
  }
}
