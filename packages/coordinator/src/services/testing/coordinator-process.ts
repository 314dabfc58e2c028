/**
 * Coordinator replicas as real child processes, for the fault-injection
 * tests: each runs `main.ts` (the `pnpm coordinator` entry point) with
 * `--insecure`, the test's key prefix and model store, short engine
 * timings and `--listen 127.0.0.1:0`, and can be SIGKILLed, SIGSTOPped and
 * SIGCONTinued. Its pino JSON log is parsed line by line: the bound port
 * comes from the `coordinator listening` line, and the fault points of
 * `fault-points.ts` report through the same stream. Test code only.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoundEngineTiming } from '../../engine/round-engine.js';
import { TEST_FEDERATION, TEST_REDIS_URL } from './coordinator-fixture.js';
import type { CoordinatorFixture } from './coordinator-fixture.js';
import {
  FAULT_POINTS_ENV,
  FAULT_PREFIX_ENV,
  FAULT_REACHED_MSG,
  FAULT_REDIS_ENV,
} from './fault-points.js';
import type { FaultReached, FaultSite } from './fault-points.js';
import { childEnv, JsonLogChild } from './json-log-child.js';
import type { LogLine } from './json-log-child.js';

export type { LogLine } from './json-log-child.js';

/** Options of {@link CoordinatorProcess.spawn}. */
export interface CoordinatorProcessOptions {
  readonly redisUrl: string;
  /** The deployment's Redis key prefix (the fault markers go under it too). */
  readonly keyPrefix: string;
  /** The shared model store directory. */
  readonly modelStore: string;
  readonly replicaId: string;
  readonly federation: string;
  /** Lock, stall, sweep and closing settings, passed as flags. */
  readonly timing: RoundEngineTiming;
  /** Fault points to arm (`<round>:<site>`). */
  readonly faultPoints?: readonly string[] | undefined;
  /** How long to wait for the listening line. @default 60_000 */
  readonly startTimeoutMs?: number | undefined;
}

/**
 * Engine timings for fault tests: a lock that expires 2 s after its holder
 * dies or stops, checked every second, so another replica takes the job
 * over within a few seconds; a closing timeout far beyond any test, so
 * that a driver held alive at a fault point keeps its stage (only a dead
 * or stopped one loses it).
 */
export const FAULT_TEST_TIMING: RoundEngineTiming = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  sweepIntervalMs: 500,
  closingTimeoutMs: 600_000,
  maxStalledCount: 20,
};

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./fault-points-preload.ts', import.meta.url));

function timingFlags(timing: RoundEngineTiming): string[] {
  const flags: string[] = [];
  const ms = (flag: string, value: number | undefined): void => {
    if (value !== undefined) flags.push(flag, `${value}ms`);
  };
  ms('--lock-duration', timing.lockDurationMs);
  ms('--stalled-interval', timing.stalledIntervalMs);
  ms('--sweep-interval', timing.sweepIntervalMs);
  ms('--closing-timeout', timing.closingTimeoutMs);
  if (timing.maxStalledCount !== undefined)
    flags.push('--max-stalled-count', String(timing.maxStalledCount));
  return flags;
}

/** A coordinator child process; see the module doc. */
export class CoordinatorProcess extends JsonLogChild {
  readonly replicaId: string;
  #port = 0;

  private constructor(replicaId: string, child: ChildProcess) {
    super(`coordinator ${replicaId}`, child);
    this.replicaId = replicaId;
  }

  /**
   * Starts a replica and waits until it listens.
   *
   * @throws Error when it exits or does not listen in time (with its stderr).
   */
  static async spawn(options: CoordinatorProcessOptions): Promise<CoordinatorProcess> {
    const args = [
      '--conditions=@fedra/source',
      '--import',
      'tsx',
      '--import',
      PRELOAD,
      MAIN,
      '--listen',
      '127.0.0.1:0',
      '--redis',
      options.redisUrl,
      '--insecure',
      '--key-prefix',
      options.keyPrefix,
      '--model-store',
      options.modelStore,
      '--federation',
      options.federation,
      '--replica-id',
      options.replicaId,
      '--unmask-threads',
      '1',
      ...timingFlags(options.timing),
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: childEnv({
        [FAULT_POINTS_ENV]: (options.faultPoints ?? []).join(','),
        [FAULT_REDIS_ENV]: options.redisUrl,
        [FAULT_PREFIX_ENV]: options.keyPrefix,
      }),
      // Its stdin stays open while we live: the preload exits when it closes.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const replica = new CoordinatorProcess(options.replicaId, child);
    try {
      const listening = await replica.waitForLine(
        (line) => line.msg === 'coordinator listening',
        options.startTimeoutMs ?? 60_000,
        'the listening line',
      );
      replica.#port = Number(listening['port']);
    } catch (error) {
      await replica.kill();
      throw error;
    }
    return replica;
  }

  /** The gRPC port it listens on. */
  get port(): number {
    return this.#port;
  }
}

/** The stage each stage's close opens. */
const NEXT_STAGE: Readonly<Record<string, string>> = {
  setup: 'share-keys',
  'share-keys': 'collect-masked',
  'collect-masked': 'consistency-check',
  'consistency-check': 'unmask',
};

/**
 * Matches the driver's line that finished what `site` of the round holds
 * under a fencing epoch above `epoch`: the stage's `stage closed` line, or
 * for `unmask` and `commit` the `round committed` line; or the fault point
 * just after that write (`<next stage>-opened`, `committed`), where a
 * driver stopped before it could log.
 */
export function finishedAbove(
  roundNumber: number,
  site: FaultSite,
  epoch: number,
): (line: LogLine) => boolean {
  const commit = site === 'unmask' || site === 'commit';
  const after = `${roundNumber}:${commit ? 'committed' : `${NEXT_STAGE[site] ?? '?'}-opened`}`;
  return (line) =>
    line['roundNumber'] === roundNumber &&
    Number(line['epoch']) > epoch &&
    ((line.msg === FAULT_REACHED_MSG && line['faultPoint'] === after) ||
      (commit
        ? line.msg === 'round committed'
        : line.msg === 'stage closed' && line['stage'] === site));
}

/** Matches the driver's log line for its write of round `roundNumber` rejected as stale at `epoch`. */
export function fencedAt(roundNumber: number, epoch: number): (line: LogLine) => boolean {
  return (line) =>
    line.msg === 'driver fenced; a newer driver owns the attempt' &&
    line['roundNumber'] === roundNumber &&
    line['epoch'] === epoch;
}

/** A fault point a replica stopped at. */
export interface FaultHit {
  readonly replica: CoordinatorProcess;
  readonly report: FaultReached;
}

/**
 * The child replicas of one test: spawns them with shared options, hands
 * out the fault points they stop at in the order they were reached, and
 * kills them all at the end.
 */
export class CoordinatorCluster {
  readonly #options: Omit<CoordinatorProcessOptions, 'replicaId'>;
  readonly #replicas: CoordinatorProcess[] = [];
  readonly #hits: FaultHit[] = [];
  #wake: (() => void) | undefined;
  #spawned = 0;

  constructor(options: Omit<CoordinatorProcessOptions, 'replicaId'>) {
    this.#options = options;
  }

  /** Every replica started, dead or alive. */
  get replicas(): readonly CoordinatorProcess[] {
    return this.#replicas;
  }

  /** Starts `count` replicas (`child-1`, `child-2`…) at once. */
  async spawn(count = 1): Promise<CoordinatorProcess[]> {
    const started = Array.from({ length: count }, () => {
      this.#spawned += 1;
      return CoordinatorProcess.spawn({ ...this.#options, replicaId: `child-${this.#spawned}` });
    });
    const settled = await Promise.allSettled(started);
    const failed = settled.find((r) => r.status === 'rejected');
    const replicas = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (failed !== undefined) {
      // Leave none of this batch running: the test's clean-up never saw them.
      await Promise.all(replicas.map((replica) => replica.kill()));
      throw failed.reason;
    }
    for (const replica of replicas) {
      this.#replicas.push(replica);
      for (const line of replica.lines) this.#observe(replica, line);
      replica.onLine = (line) => {
        this.#observe(replica, line);
      };
    }
    return replicas;
  }

  #observe(replica: CoordinatorProcess, line: LogLine): void {
    if (line.msg !== FAULT_REACHED_MSG) return;
    this.#hits.push({ replica, report: line as unknown as FaultReached });
    this.#wake?.();
  }

  /**
   * The next fault point a replica stopped at (in the order reached).
   *
   * @throws Error when none is reached within `timeoutMs`.
   */
  async nextFault(timeoutMs: number): Promise<FaultHit> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.#hits.shift();
      if (hit !== undefined) return hit;
      const left = until - Date.now();
      if (left <= 0) {
        const logs = this.#replicas.map((r) => `${r.replicaId}: ${r.stderr}`).join('\n');
        throw new Error(`no fault point reached in ${timeoutMs} ms\n${logs}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** SIGKILLs every replica still running (also stopped ones) and waits for them. */
  async killAll(): Promise<void> {
    await Promise.all(this.#replicas.map((replica) => replica.kill()));
  }
}

/**
 * A cluster of engine replicas behind `f` (started with `runEngine: false`):
 * `f`'s Redis key prefix and model store, {@link FAULT_TEST_TIMING}, and
 * `faultPoints` armed. Spawns none yet.
 */
export function clusterBehind(
  f: CoordinatorFixture,
  faultPoints: readonly string[],
): CoordinatorCluster {
  return new CoordinatorCluster({
    redisUrl: TEST_REDIS_URL,
    keyPrefix: f.prefix,
    modelStore: f.modelStoreDir,
    federation: TEST_FEDERATION,
    timing: FAULT_TEST_TIMING,
    faultPoints,
  });
}
