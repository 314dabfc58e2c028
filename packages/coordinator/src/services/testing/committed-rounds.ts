/**
 * What an experiment committed, read back from Redis and the model store,
 * next to what FedAvg over the scripted workers' updates says it should
 * be; and the per-round counts of commit events and audit records. For the
 * fault-injection tests, which must show that crashes and stale drivers
 * never change a committed round. Test code only.
 *
 * @module
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SECAGG_STAGES } from '@fedra/secagg';
import type { ModelVersion } from '../../model-store/model-store.js';
import { readBlob } from '../../engine/round-driver.js';
import type { ParticipantRecord, RoundEvent } from '../../state/state-types.js';
import type { CoordinatorFixture } from './coordinator-fixture.js';
import { defaultUpdate } from './coordinator-fixture.js';
import type { ScriptedUpdate } from './scripted-worker.js';

/**
 * Polls `probe` every `intervalMs` until it returns a value; throws naming
 * `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** One committed round, as stored, and what FedAvg says it should be. */
export interface CommittedRound {
  readonly roundNumber: number;
  /** The model version the round committed. */
  readonly version: ModelVersion;
  /** Its weights. */
  readonly weights: Float32Array;
  /** The committed attempt's participants. */
  readonly participants: readonly ParticipantRecord[];
  /**
   * Whose masked input is in the aggregate (U3): the participants less
   * those the attempt's drop records put before the consistency check.
   */
  readonly survivors: readonly string[];
  /** The survivors per region. */
  readonly survivorsPerRegion: Readonly<Record<string, number>>;
  /** The parent's weights plus the survivors' example-weighted mean delta. */
  readonly expected: readonly number[];
  /** How far `weights` may be from `expected` (fixed-point encoding and float32 rounding). */
  readonly bound: number;
  /** The survivors' total example weight. */
  readonly totalWeight: number;
}

const STAGES_BEFORE_U3 = new Set(['setup', 'share-keys', 'collect-masked']);

/**
 * Every committed version of the experiment (1, 2, … up to the latest),
 * each checked out against its parent: the participants come from the
 * committed attempt's record and drop records in Redis, the updates from
 * `update` (the scripted workers' deterministic updates).
 */
export async function readCommittedRounds(
  f: CoordinatorFixture,
  experimentId: string,
  update: (workerId: string, round: number, params: number) => ScriptedUpdate = defaultUpdate,
): Promise<CommittedRound[]> {
  const { modelStore, attempts } = f.coordinator.context;
  const weightsOf = async (version: ModelVersion): Promise<Float32Array> => {
    const bytes = await readBlob(modelStore, version.weightsSha256);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const rounds: CommittedRound[] = [];
  const versions = await modelStore.listVersions(experimentId);
  let parent = await modelStore.getVersion(experimentId, 0);
  let parentWeights = await weightsOf(parent);
  for (const number of versions.filter((v) => v > 0).sort((a, b) => a - b)) {
    const version = await modelStore.getVersion(experimentId, number);
    if (version.parentSha256 !== parent.weightsSha256)
      throw new Error(`version ${number} does not descend from version ${parent.version}`);
    const key = { experimentId, roundNumber: number, attempt: version.attempt };
    const attempt = await attempts.get(key);
    if (attempt === undefined) throw new Error(`no record of round ${number}'s committed attempt`);
    const early = new Set(
      (await attempts.drops(key))
        .filter((d) => STAGES_BEFORE_U3.has(d.stage))
        .map((d) => d.workerId),
    );
    const participants = attempt.participants;
    const survivors = participants.map((p) => p.workerId).filter((id) => !early.has(id));
    const survivorsPerRegion: Record<string, number> = {};
    for (const p of participants.filter((p) => !early.has(p.workerId)))
      survivorsPerRegion[p.region] = (survivorsPerRegion[p.region] ?? 0) + 1;
    const params = parentWeights.length;
    let totalWeight = 0;
    const sum = new Array<number>(params).fill(0);
    for (const workerId of survivors) {
      const u = update(workerId, number, params);
      totalWeight += u.weight;
      u.delta.forEach((d, i) => {
        sum[i] = (sum[i] ?? 0) + d * u.weight;
      });
    }
    // Each encoded element is within 1/scale (2^-20) of its value, so the sum
    // is within n/scale and the mean within n/(scale·W); plus float32 rounding.
    const bound = survivors.length / 2 ** 20 / totalWeight + 1e-6;
    const base = parentWeights;
    const weights = await weightsOf(version);
    rounds.push({
      roundNumber: number,
      version,
      weights,
      participants,
      survivors,
      survivorsPerRegion,
      expected: Array.from(base, (x, i) => x + (sum[i] ?? 0) / totalWeight),
      bound,
      totalWeight,
    });
    parent = version;
    parentWeights = weights;
  }
  return rounds;
}

/**
 * The indices at which `round`'s weights are further than its bound from
 * what FedAvg says they should be, with both values; none when the round
 * committed the right model.
 */
export function offExpected(
  round: CommittedRound,
): { index: number; weight: number; expected: number }[] {
  const off: { index: number; weight: number; expected: number }[] = [];
  round.weights.forEach((weight, index) => {
    const expected = round.expected[index] ?? 0;
    if (!(Math.abs(weight - expected) <= round.bound)) off.push({ index, weight, expected });
  });
  return off;
}

/** How often each round was recorded as committed. */
export interface CommitRecords {
  /** `round-committed` events in the experiment's stream, per round. */
  readonly events: ReadonlyMap<number, number>;
  /** `round.commit` audit records, per round. */
  readonly audit: ReadonlyMap<number, number>;
  /** The audit log's head sequence number. */
  readonly auditHead: number;
  /** Whether the whole audit chain verifies. */
  readonly auditIntact: boolean;
}

function countBy(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Counts the commit events and audit records of each round of the experiment. */
export async function commitRecords(
  f: CoordinatorFixture,
  experimentId: string,
): Promise<CommitRecords> {
  const { redis, keys, auditLog } = f.coordinator.context;
  const entries = await redis.xrange(keys.events(experimentId), '-', '+');
  const committed: number[] = [];
  for (const [, fields] of entries) {
    const at = fields.indexOf('event');
    const event = JSON.parse(fields[at + 1] ?? '{}') as RoundEvent;
    if (event.kind === 'round-committed') committed.push(event.roundNumber);
  }
  const head = await auditLog.head();
  const records = await auditLog.list({ fromSeq: 1, limit: 1000 });
  const audited = records
    .filter((r) => r.action === 'round.commit' && r.subject['experimentId'] === experimentId)
    .map((r) => Number(r.subject['roundNumber']));
  return {
    events: countBy(committed),
    audit: countBy(audited),
    auditHead: head.seq,
    auditIntact: (await auditLog.verify()).ok,
  };
}

/**
 * The {@link CommitRecords} of an experiment whose rounds 1 to `rounds` were
 * each committed exactly once, in a test whose audit log holds nothing
 * else: `experiment.create`, `experiment.start`, one `round.commit` per round,
 * and an intact chain.
 */
export function committedOnceEach(rounds: number): CommitRecords {
  const once = new Map(Array.from({ length: rounds }, (_, i) => [i + 1, 1] as const));
  return { events: once, audit: once, auditHead: 2 + rounds, auditIntact: true };
}

/** What finished attempts left behind; see {@link attemptLeftovers}. */
export interface AttemptLeftovers {
  /** Staged upload files under the experiment's staging directory. */
  readonly stagedFiles: readonly string[];
  /** Per-stage Redis keys (inboxes, outbox, expected set, uploads, notifications) still there. */
  readonly keys: readonly string[];
  /** Whether the experiment is still in the running set the sweeper walks. */
  readonly running: boolean;
}

/**
 * The clean-up a finished experiment should have had: staged uploads of
 * attempt 1 of each of `rounds` discarded, their per-stage keys deleted,
 * the experiment out of the running set.
 */
export async function attemptLeftovers(
  f: CoordinatorFixture,
  experimentId: string,
  rounds: readonly number[],
): Promise<AttemptLeftovers> {
  const { redis, keys, experiments } = f.coordinator.context;
  let stagedFiles: string[] = [];
  try {
    const entries = await readdir(join(f.modelStoreDir, 'staging', experimentId), {
      recursive: true,
      withFileTypes: true,
    });
    stagedFiles = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const left: string[] = [];
  for (const roundNumber of rounds) {
    const key = { experimentId, roundNumber, attempt: 1 };
    for (const name of [
      keys.outbox(key),
      keys.expected(key),
      keys.uploads(key),
      keys.notified(key),
      ...SECAGG_STAGES.map((stage) => keys.inbox(key, stage)),
    ]) {
      if ((await redis.exists(name)) === 1) left.push(name);
    }
  }
  return {
    stagedFiles,
    keys: left,
    running: (await experiments.running()).includes(experimentId),
  };
}
