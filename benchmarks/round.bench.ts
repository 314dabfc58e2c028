/**
 * Whole-round benchmark of the coordinator: real gRPC on 127.0.0.1, real
 * Redis, secure aggregation on, training excluded.
 *
 * Run: node --conditions=@fedra/source --import tsx benchmarks/round.bench.ts [--quick] [--rounds=R] [--n=10,50,100] [--profile=DIR] [--store-dir=DIR] [--from-dist]
 * (or `pnpm bench:round [-- --n=100 --rounds=3]`). Prints one JSON line per case on stdout, a table
 * on stderr, and progress on stderr.
 *
 * Per case: a coordinator in its own child process (`round-coordinator.ts`:
 * the coordinator's own flags, fresh Redis key prefix, temporary model
 * store; both deleted afterwards) and n scripted participants
 * (`ScriptedWorker`, built on `@fedra/secagg`) in this process, each on its
 * own HTTP/2 connection, heartbeating at the coordinator's default interval,
 * uploading in 1 MiB chunks like the real worker. One experiment of R rounds
 * (the first is a warm-up: JIT, worker threads), k and t left to the
 * coordinator (`chooseSecAggParams` for 10% dropout). Every tenth
 * participant refuses when collect-masked opens (ReportRefusal, after
 * share-keys), so the unmask stage rebuilds its pairwise masks too.
 *
 * What each figure means:
 * - roundMs: from the coordinator's `round opened` log call to its
 *   `round committed` log call (the coordinator's clock), median over the
 *   measured rounds. Participants' masking is inside it (they share the
 *   machine's cores with the coordinator).
 * - coordinatorCpuMs: the coordinator process's user + system CPU over the
 *   same interval (`process.cpuUsage()` read inside those two log calls:
 *   every thread, so the fold and unmask worker threads count), median.
 * - coordinatorPeakRssBytes: VmHWM of the coordinator process at the end of
 *   the case (its peak resident set over its whole life, warm-up included).
 *
 * @module
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import { deleteKeysWithPrefix } from '@fedra/coordinator';
import { loadFedraPackage } from '@fedra/proto';
import type { ExperimentSpec, FleetServiceClient } from '@fedra/proto';
import { createSimulatedIdentities } from '@fedra/secagg';
// The coordinator's scripted participants and scientist calls (test helpers, not exported).
import { ScriptedWorker } from '../packages/coordinator/src/services/testing/scripted-worker.js';
import type { DropPoint } from '../packages/coordinator/src/services/testing/scripted-worker.js';
import {
  createExperiment,
  unary,
} from '../packages/coordinator/src/services/testing/test-clients.js';
import type { CoordinatorEvent } from './round-coordinator.js';
import { median } from './stats.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const FEDERATION = 'bench.fedra';
const SCIENTIST = `spiffe://${FEDERATION}/scientist/bench`;
/** The real worker's upload chunk (packages/worker CHUNK_BYTES). */
const UPLOAD_CHUNK_BYTES = 1 << 20;
/** The coordinator's default heartbeat interval (server.ts). */
const HEARTBEAT_MS = 10_000;
const MAX_EXAMPLE_WEIGHT = 100;

interface Case {
  readonly n: number;
  /** Dense layer of `inputs` x `units` + bias. */
  readonly inputs: number;
  readonly units: number;
  readonly rounds: number;
}

interface RoundFigures {
  roundNumber: number;
  attempts: number;
  roundMs: number;
  cpuMs: number;
  survivors: number;
  k: number;
  t: number;
}

interface CaseResult {
  rounds: RoundFigures[];
  peakRssBytes: number;
  baseRssBytes: number;
}

const paramsOf = (c: Case): number => c.inputs * c.units + c.units;

function progress(line: string): void {
  process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/** A field of /proc/<pid>/status in bytes (`VmHWM`, `VmRSS`). */
function procStatusBytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU ms (user + system) of each thread of `pid` (/proc/<pid>/task), by `main` or `name:tid`. */
function threadCpuMs(pid: number): Map<string, number> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close).replace(/[0-9]+$/, '');
    const name = tid === String(pid) ? 'main' : `${comm}:${tid}`;
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    byName.set(name, (byName.get(name) ?? 0) + ticks / ticksPerMs);
  }
  return byName;
}

function benchSpec(c: Case): ExperimentSpec {
  const seconds = (s: number) => ({ seconds: s, nanos: 0 });
  // The largest power-of-two scale (at most 2^20) that keeps n x bound x scale below 2^31.
  const update =
    2 ** Math.min(20, Math.floor(Math.log2((2 ** 31 - 1) / (c.n * MAX_EXAMPLE_WEIGHT))));
  return {
    model: {
      topologyJson: JSON.stringify({
        class_name: 'Sequential',
        config: {
          name: 'bench',
          layers: [
            {
              class_name: 'Dense',
              config: { units: c.units, batch_input_shape: [null, c.inputs] },
            },
          ],
        },
      }),
      weights: [
        { name: 'dense/kernel', shape: [c.inputs, c.units] },
        { name: 'dense/bias', shape: [c.units] },
      ],
      paramCount: paramsOf(c),
    },
    training: {
      optimizer: 'LOCAL_OPTIMIZER_SGD',
      learningRate: 0.1,
      batchSize: 32,
      localEpochs: 1,
      fedproxMu: 0,
    },
    dataset: { name: 'bench', inputShape: [c.inputs], numClasses: c.units },
    rounds: c.rounds,
    minParticipants: c.n,
    targetParticipants: c.n,
    strategy: { fedAvg: {} },
    clippingBound: 1,
    laneScales: { update, weight: 1, lossSum: 2 ** 10, correctCount: 1 },
    // Generous: the participants share two cores with the coordinator, and a
    // refusal (not a deadline) closes collect-masked early.
    deadlines: {
      setup: seconds(300),
      shareKeys: seconds(300),
      collectMasked: seconds(900),
      consistencyCheck: seconds(300),
      unmask: seconds(300),
    },
    maxExampleWeight: MAX_EXAMPLE_WEIGHT,
    lossClip: 10,
  };
}

/** Aborted by SIGINT or SIGTERM: waits fail, so the running case still removes its keys, files and child. */
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: cleaning up\n`);
    interrupted.abort();
  });
}

/** The coordinator child process and its events. */
class CoordinatorChild {
  readonly process: ChildProcess;
  readonly events: CoordinatorEvent[] = [];
  /** Per-thread CPU ms at each round event (`round-opened/3`), read when the event arrives. */
  readonly threads = new Map<string, Map<string, number>>();
  readonly #waiters = new Set<() => void>();
  #exit: string | undefined;

  constructor(args: string[], logFile: string, profileDir: string | undefined, fromDist: boolean) {
    const log = openSync(logFile, 'a');
    const profile =
      profileDir === undefined
        ? []
        : ['--profile-round', `2:${join(profileDir, 'round-2.cpuprofile')}`];
    this.process = fork(
      fileURLToPath(new URL('./round-coordinator.ts', import.meta.url)),
      [...args, ...profile],
      {
        // FEDRA_BENCH_COORDINATOR_NODE_ARGS (space-separated): extra node flags for the coordinator, e.g. --trace-gc.
        execArgv: [
          // The runtime settings of `pnpm coordinator` (MALLOC_TRIM_THRESHOLD_ comes from scripts/bench.mjs).
          '--expose-gc',
          '--initial-old-space-size=160',
          '--max-semi-space-size=2',
          // --from-dist: the packages as compiled JavaScript (`pnpm build` first); tsx only for the entry file.
          ...(fromDist ? [] : ['--conditions=@fedra/source']),
          '--import',
          'tsx',
          ...(process.env['FEDRA_BENCH_COORDINATOR_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
        ],
        stdio: ['ignore', log, log, 'ipc'],
        // The coordinator refuses FEDRA_* variables it does not know. MALLOC_ARENA_MAX as
        // `pnpm coordinator` sets it.
        env: {
          MALLOC_ARENA_MAX: '2',
          ...Object.fromEntries(
            Object.entries(process.env).filter(([name]) => !name.startsWith('FEDRA_BENCH_')),
          ),
        },
      },
    );
    closeSync(log);
    this.process.on('message', (message: CoordinatorEvent) => {
      if (message.type !== 'listening' && this.process.pid !== undefined) {
        try {
          this.threads.set(`${message.type}/${message.roundNumber}`, threadCpuMs(this.process.pid));
        } catch {
          // the process is gone; the exit handler reports it
        }
      }
      this.events.push(message);
      this.#notify();
    });
    this.process.on('exit', (code, signal) => {
      this.#exit = `exited (${signal ?? String(code)})`;
      this.#notify();
    });
  }

  get pid(): number {
    const pid = this.process.pid;
    if (pid === undefined) throw new Error('the coordinator did not start');
    return pid;
  }

  #notify(): void {
    for (const waiter of this.#waiters) waiter();
  }

  /** Resolves once `done()` holds; rejects if the child exits or `timeoutMs` passes. */
  until<T>(done: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = done();
        if (value !== undefined)
          finish(() => {
            resolve(value);
          });
        else if (interrupted.signal.aborted)
          finish(() => {
            reject(new Error(`interrupted while waiting for ${what}`));
          });
        else if (this.#exit !== undefined)
          finish(() => {
            reject(new Error(`coordinator ${this.#exit} while waiting for ${what}`));
          });
      };
      const timer = setTimeout(() => {
        finish(() => {
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        });
      }, timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        interrupted.signal.removeEventListener('abort', check);
        settle();
      };
      this.#waiters.add(check);
      interrupted.signal.addEventListener('abort', check);
      check();
    });
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.#exit !== undefined) return;
    const exited = this.until(() => (this.#exit === undefined ? undefined : true), 15_000, 'exit');
    this.process.kill('SIGTERM');
    await exited.catch(() => {
      this.process.kill('SIGKILL');
    });
  }
}

async function runCase(
  c: Case,
  unmaskThreads: number,
  profileDir: string | undefined,
  storeParent: string,
  fromDist: boolean,
): Promise<CaseResult> {
  const prefix = `fedra-bench-${randomUUID()}`;
  const dir = mkdtempSync(join(storeParent, 'fedra-round-bench-'));
  const ids = Array.from({ length: c.n }, (_, i) => `w${i + 1}`);
  const identities = createSimulatedIdentities(ids);
  const keysFile = join(dir, 'participant-keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify(
      Object.fromEntries(
        [...identities.publicKeys].map(([id, key]) => [
          id,
          key.export({ format: 'der', type: 'spki' }).toString('base64'),
        ]),
      ),
    ),
  );
  const logFile = join(dir, 'coordinator.log');
  const child = new CoordinatorChild(
    [
      '--listen',
      '127.0.0.1:0',
      '--redis',
      REDIS_URL,
      '--insecure',
      '--federation',
      FEDERATION,
      '--key-prefix',
      prefix,
      '--model-store',
      join(dir, 'models'),
      '--unmask-threads',
      String(unmaskThreads),
      '--participant-keys',
      keysFile,
    ],
    logFile,
    profileDir,
    fromDist,
  );
  const fleetClients: FleetServiceClient[] = [];
  const workers: ScriptedWorker[] = [];
  let failed = false;
  try {
    const port = await child.until(
      () => child.events.find((e) => e.type === 'listening')?.port,
      60_000,
      'the coordinator to listen',
    );
    const baseRssBytes = procStatusBytes(child.pid, 'VmRSS');
    const address = `127.0.0.1:${port}`;
    const v1 = loadFedraPackage().fedra.v1;

    // One shared update (contents do not change the cost), L2 norm ~0.07.
    const delta = new Float32Array(paramsOf(c));
    for (let i = 0; i < delta.length; i++) delta[i] = Math.sin(i) * 1e-4;
    const dropped = new Set(ids.filter((_, i) => (i + 1) % 10 === 0));
    for (const workerId of ids) {
      const signer = identities.signers.get(workerId);
      if (signer === undefined) throw new Error(`no identity for ${workerId}`);
      // A connection per participant, as separate workers would have.
      const fleet = new v1.FleetService(address, credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
      });
      fleetClients.push(fleet);
      const index = Number(workerId.slice(1));
      const worker = new ScriptedWorker({
        client: fleet,
        federation: FEDERATION,
        region: index % 2 === 1 ? 'eu' : 'us',
        workerId,
        signer,
        verifier: identities.verifier,
        dataset: { name: 'bench', inputShape: [c.inputs], numClasses: c.units },
        update: () => ({ delta, weight: 10 + (index % 50), lossSum: 5, correct: 3 }),
        dropAt: (_round, attempt, id): DropPoint | undefined =>
          attempt === 1 && dropped.has(id) ? 'refuse-masked' : undefined,
        chunkBytes: UPLOAD_CHUNK_BYTES,
        heartbeatIntervalMs: HEARTBEAT_MS,
      });
      await worker.start();
      workers.push(worker);
    }
    progress(
      `n=${c.n}: coordinator pid ${child.pid} on ${address}, ${c.n} participants registered`,
    );

    const experiments = new v1.ExperimentService(address, credentials.createInsecure());
    const weights = new Float32Array(paramsOf(c));
    for (let i = 0; i < weights.length; i++) weights[i] = Math.cos(i) * 0.01;
    try {
      const created = await createExperiment(experiments, SCIENTIST, {
        requestId: randomUUID(),
        spec: benchSpec(c),
        weights,
        chunkBytes: UPLOAD_CHUNK_BYTES,
      });
      const experimentId = created.experiment?.experimentId ?? '';
      await unary(
        (m, cb) => experiments.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
        SCIENTIST,
      );
      await child.until(
        () => child.events.find((e) => e.type === 'round-opened'),
        120_000,
        'the first round to open',
      );
    } finally {
      experiments.close();
    }

    const rounds: RoundFigures[] = [];
    for (let r = 1; r <= c.rounds; r++) {
      const committed = await child.until(
        () => child.events.find((e) => e.type === 'round-committed' && e.roundNumber === r),
        30 * 60_000,
        `round ${r} to commit`,
      );
      if (committed.type === 'listening') throw new Error('unreachable');
      const ofRound = child.events.filter(
        (e): e is Exclude<CoordinatorEvent, { type: 'listening' }> =>
          e.type !== 'listening' && e.roundNumber === r,
      );
      const opened = ofRound.filter((e) => e.type === 'round-opened');
      const first = opened[0];
      const last = opened[opened.length - 1];
      if (first === undefined || last === undefined) throw new Error(`round ${r} never opened`);
      const figures: RoundFigures = {
        roundNumber: r,
        attempts: opened.length,
        roundMs: committed.atMs - first.atMs,
        cpuMs: (committed.cpuMicros - first.cpuMicros) / 1000,
        survivors: committed.fields['survivors'] ?? NaN,
        k: last.fields['k'] ?? NaN,
        t: last.fields['t'] ?? NaN,
      };
      rounds.push(figures);
      const before = child.threads.get(`round-opened/${r}`);
      const after = child.threads.get(`round-committed/${r}`);
      if (before !== undefined && after !== undefined) {
        const split = [...after]
          .map(([name, ms]) => [name, ms - (before.get(name) ?? 0)] as const)
          .filter(([, ms]) => ms > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
          .join(', ');
        progress(`  threads (CPU ms): ${split}`);
      }
      progress(
        `n=${c.n} round ${r}/${c.rounds}${r === 1 ? ' (warm-up)' : ''}: ${figures.roundMs.toFixed(0)} ms, ` +
          `coordinator CPU ${figures.cpuMs.toFixed(0)} ms, survivors ${figures.survivors}/${c.n}, ` +
          `k=${figures.k} t=${figures.t}, attempts ${figures.attempts}`,
      );
    }
    const peakRssBytes = procStatusBytes(child.pid, 'VmHWM');
    return { rounds, peakRssBytes, baseRssBytes };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    for (const worker of workers) worker.stop();
    for (const client of fleetClients) client.close();
    await child.stop();
    await deleteKeysWithPrefix(REDIS_URL, prefix);
    if (failed) {
      const log = readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n');
      process.stderr.write(`coordinator log (last lines):\n${log}\n`);
    }
    // FEDRA_BENCH_KEEP_LOG=FILE: keep the coordinator's log (diagnosis).
    const keepLog = process.env['FEDRA_BENCH_KEEP_LOG'];
    if (keepLog !== undefined) writeFileSync(keepLog, readFileSync(logFile));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // `--name=value` forms pass through scripts/bench.mjs (it takes bare words for benchmark names).
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      n: { type: 'string' },
      // Writes a V8 CPU profile of the coordinator's main thread during round 2 to DIR/round-2.cpuprofile.
      profile: { type: 'string' },
      // Where the temporary model store goes (default: the OS temp directory).
      'store-dir': { type: 'string' },
      // Run the coordinator from the packages' compiled dist/ (after `pnpm build`), as a deployment would.
      'from-dist': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const rounds = values.rounds === undefined ? (quick ? 2 : 4) : Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < 2)
    throw new Error('--rounds must be an integer >= 2 (the first round is a warm-up)');
  const unmaskThreads = Math.min(2, availableParallelism());
  const sizes = values.n === undefined ? [10, 50, 100] : values.n.split(',').map(Number);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 3))
    throw new Error('--n takes cohort sizes >= 3, comma-separated (e.g. --n 10,100)');
  const cases: Case[] = quick
    ? [{ n: 10, inputs: 99, units: 1000, rounds }]
    : sizes.map((n) => ({ n, inputs: 999, units: 1000, rounds }));

  const rows: Array<Record<string, number | string>> = [];
  for (const c of cases) {
    process.stderr.write(`case n=${c.n}, ${paramsOf(c)} params, ${c.rounds} rounds\n`);
    const result = await runCase(
      c,
      unmaskThreads,
      values.profile,
      values['store-dir'] ?? tmpdir(),
      values['from-dist'],
    );
    const measured = result.rounds.slice(1);
    const warm = result.rounds[0];
    const row = {
      bench: 'round',
      n: c.n,
      params: paramsOf(c),
      k: measured[0]?.k ?? NaN,
      t: measured[0]?.t ?? NaN,
      dropped: c.n - (measured[0]?.survivors ?? NaN),
      roundMs: Math.round(median(measured.map((f) => f.roundMs))),
      coordinatorCpuMs: Math.round(median(measured.map((f) => f.cpuMs))),
      coordinatorCpuMsMax: Math.round(Math.max(...measured.map((f) => f.cpuMs))),
      coordinatorPeakRssBytes: result.peakRssBytes,
      coordinatorBaseRssBytes: result.baseRssBytes,
      warmUpRoundMs: Math.round(warm?.roundMs ?? NaN),
      warmUpCoordinatorCpuMs: Math.round(warm?.cpuMs ?? NaN),
      measuredRounds: measured.length,
      attempts: Math.max(...result.rounds.map((f) => f.attempts)),
      unmaskThreads,
    };
    process.stdout.write(JSON.stringify(row) + '\n');
    rows.push(row);
  }

  const mb = (bytes: number | string | undefined): string => (Number(bytes) / 1e6).toFixed(1);
  const table = [
    '',
    `Round benchmark: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, Node ${process.version}, ` +
      `${unmaskThreads} unmask thread(s), medians over ${rounds - 1} round(s) after a warm-up round`,
    'case                        | round ms | coord CPU ms (max) | coord peak RSS MB (base) | k/t   | dropped',
    '----------------------------+----------+--------------------+--------------------------+-------+--------',
    ...rows.map((r) =>
      [
        `n=${String(r['n'])} ${Number(r['params']) / 1e6}M`.padEnd(27),
        String(r['roundMs']).padStart(8),
        `${String(r['coordinatorCpuMs'])} (${String(r['coordinatorCpuMsMax'])})`.padStart(18),
        `${mb(r['coordinatorPeakRssBytes'])} (${mb(r['coordinatorBaseRssBytes'])})`.padStart(24),
        `${String(r['k'])}/${String(r['t'])}`.padStart(5),
        String(r['dropped']).padStart(7),
      ].join(' | '),
    ),
    'targets at n=100: coordinator CPU <= 1500 ms per round, peak RSS <= 300 MB',
  ];
  process.stderr.write(table.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
