/**
 * Fault points for the fault-injection tests: places in a round driver's
 * step where a coordinator child process stops itself (SIGSTOP), so that
 * a test can SIGKILL it there, or SIGCONT it later, at a known instant
 * instead of guessing by timing. Test code only: installed into a child
 * process by `fault-points-preload.ts` (an `--import` preload), never by
 * the coordinator itself.
 *
 * A point is `<round>:<site>`, e.g. `2:collect-masked`. The sites are
 * the moments around a driver's durable writes:
 *
 * - `setup`, `share-keys`, `collect-masked`, `consistency-check`: just
 *   before the fenced write that closes the stage (its work is done:
 *   outbox built, uploads folded, masked sum stored as a blob);
 * - `unmask`: just before the model version's commit to the model store
 *   (the masks are removed and the strategy applied, nothing of the round
 *   is stored yet);
 * - `commit`: just before the fenced write that marks the round committed
 *   (the model version and the audit record are already written);
 * - `committed`: just after that write, before the attempt's clean-up
 *   (staged uploads, per-stage keys) and the next round's selection;
 * - `<stage>-opened` (e.g. `share-keys-opened`): just after the write that
 *   closed the stage before and opened this one (for `setup-opened`: that
 *   opened the attempt), before its deadline job and its tasks to the
 *   participants are queued.
 *
 * Each armed point fires once across every process of a deployment (a
 * counter in Redis), in whichever process gets there first; `<point>*<n>`
 * (e.g. `1:commit*2`) fires for the first n arrivals, e.g. a driver and
 * then the replica that took its job over. A process that fires
 * writes one JSON line with `msg` {@link FAULT_REACHED_MSG} to stdout and
 * sends itself SIGSTOP: the whole process freezes there, its other jobs,
 * lock renewals and sweeps included, exactly as if stopped from outside at
 * that instant. Once continued it writes {@link FAULT_RESUMED_MSG} and goes
 * on. Aborting writes never stop.
 *
 * @module
 */
import { Redis } from 'ioredis';
import type { SecAggStage } from '@fedra/secagg';
import { DirectoryModelStore } from '../../model-store/directory-model-store.js';
import type { NewModelVersion } from '../../model-store/model-store.js';
import { AttemptStore } from '../../state/attempt-store.js';
import type { TransitionWrites } from '../../state/attempt-store.js';
import { StateKeys } from '../../state/state-keys.js';
import type { AttemptKey } from '../../state/state-keys.js';

/** Comma-separated points to arm (`1:setup,2:commit`). */
export const FAULT_POINTS_ENV = 'TEST_FAULT_POINTS';
/** The Redis URL the once-only markers live in. */
export const FAULT_REDIS_ENV = 'TEST_FAULT_REDIS';
/** The deployment's Redis key prefix (the markers go under it). */
export const FAULT_PREFIX_ENV = 'TEST_FAULT_KEY_PREFIX';
/** The `msg` of the line a process writes when it stops at a point. */
export const FAULT_REACHED_MSG = 'fault point reached';
/** The `msg` of the line a process writes when it was continued. */
export const FAULT_RESUMED_MSG = 'fault point resumed';

/** Where a driver can be held; see the module doc. */
export type FaultSite = SecAggStage | 'commit' | 'committed' | `${SecAggStage}-opened`;

/** What the process reports when it stops at a point. */
export interface FaultReached {
  /** The point, `<round>:<site>`. */
  readonly faultPoint: string;
  readonly experimentId: string;
  readonly roundNumber: number;
  readonly attempt: number;
  /**
   * The fencing epoch the driver holds the stage under (for `unmask`, the
   * attempt's epoch as read at the point).
   */
  readonly epoch: number;
}

/** The name of the point at `site` of round `roundNumber`. */
export function faultPoint(roundNumber: number, site: FaultSite): string {
  return `${roundNumber}:${site}`;
}

/**
 * Arms the points named in `env` in this process by wrapping
 * `AttemptStore.prototype.transition` and `.open`, and
 * `DirectoryModelStore.prototype.commitVersion`. Does nothing when no
 * point is named.
 *
 * @throws Error when the points are named without the Redis URL or key prefix.
 */
export function installFaultPoints(env: Readonly<Record<string, string | undefined>>): void {
  // Point name → how many arrivals stop.
  const armed = new Map<string, number>();
  for (const spec of (env[FAULT_POINTS_ENV] ?? '').split(',')) {
    const [point = '', times = '1'] = spec.trim().split('*');
    if (point !== '') armed.set(point, Number(times));
  }
  if (armed.size === 0) return;
  const url = env[FAULT_REDIS_ENV];
  const prefix = env[FAULT_PREFIX_ENV];
  if (url === undefined || prefix === undefined)
    throw new Error(`${FAULT_POINTS_ENV} needs ${FAULT_REDIS_ENV} and ${FAULT_PREFIX_ENV}`);
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const keys = new StateKeys(prefix);

  const reach = async (report: FaultReached): Promise<void> => {
    const times = armed.get(report.faultPoint);
    if (times === undefined) return;
    // The first arrivals across all processes stop; later ones pass.
    const arrival = await redis.incr(`${prefix}:fault:${report.faultPoint}`);
    if (arrival > times) return;
    // stdout is a pipe: written synchronously, so the line is out before the stop.
    process.stdout.write(
      `${JSON.stringify({ msg: FAULT_REACHED_MSG, pid: process.pid, ...report })}\n`,
    );
    // SIGSTOP to oneself is delivered before kill() returns: this returns once continued.
    process.kill(process.pid, 'SIGSTOP');
    process.stdout.write(
      `${JSON.stringify({ msg: FAULT_RESUMED_MSG, pid: process.pid, ...report })}\n`,
    );
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, called with its `this`
  const transition = AttemptStore.prototype.transition;
  AttemptStore.prototype.transition = async function (
    this: AttemptStore,
    key: AttemptKey,
    epoch: number,
    fromStage: SecAggStage,
    writes: TransitionWrites,
  ): Promise<void> {
    if (writes.stage !== 'aborted') {
      await reach({
        faultPoint: faultPoint(key.roundNumber, fromStage === 'unmask' ? 'commit' : fromStage),
        experimentId: key.experimentId,
        roundNumber: key.roundNumber,
        attempt: key.attempt,
        epoch,
      });
    }
    await transition.call(this, key, epoch, fromStage, writes);
    if (writes.stage !== 'aborted') {
      await reach({
        faultPoint: faultPoint(
          key.roundNumber,
          writes.stage === 'committed' ? 'committed' : `${writes.stage}-opened`,
        ),
        experimentId: key.experimentId,
        roundNumber: key.roundNumber,
        attempt: key.attempt,
        epoch,
      });
    }
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, called with its `this`
  const open = AttemptStore.prototype.open;
  AttemptStore.prototype.open = async function (
    this: AttemptStore,
    ...args: Parameters<AttemptStore['open']>
  ): ReturnType<AttemptStore['open']> {
    const opened = await open.apply(this, args);
    const [record] = args;
    if (opened === 'OPENED') {
      await reach({
        faultPoint: faultPoint(record.roundNumber, 'setup-opened'),
        experimentId: record.experimentId,
        roundNumber: record.roundNumber,
        attempt: record.attempt,
        epoch: record.epoch,
      });
    }
    return opened;
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, called with its `this`
  const commitVersion = DirectoryModelStore.prototype.commitVersion;
  DirectoryModelStore.prototype.commitVersion = async function (
    this: DirectoryModelStore,
    experimentId: string,
    version: number,
    metadata: NewModelVersion,
  ) {
    if (version > 0) {
      const key = { experimentId, roundNumber: version, attempt: metadata.attempt };
      await reach({
        faultPoint: faultPoint(version, 'unmask'),
        ...key,
        epoch: Number(await redis.hget(keys.attempt(key), 'epoch')),
      });
    }
    return commitVersion.call(this, experimentId, version, metadata);
  };
}
