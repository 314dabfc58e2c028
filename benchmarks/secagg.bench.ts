/**
 * SecAgg+ end-to-end benchmark: simulated participants run the whole
 * protocol in this process; the aggregator's memory is measured in a child
 * process that holds only the aggregator.
 *
 * Run: node --conditions=@fedra/source --import tsx benchmarks/secagg.bench.ts [--quick] [--threads N]
 * (or `pnpm bench:secagg`). Prints one JSON line per case on stdout and a
 * table on stderr.
 *
 * What each figure means:
 * - setupMs, shareKeysMs, maskMs: per participant, median over participants
 *   and repetitions. maskMs runs from the float lanes to the bytes ready to
 *   upload: clip + encode, every mask (split over `--threads` threads),
 *   digest. receiveSharesMs (checking the k routed shares and deriving the
 *   mask keys) is reported apart: a worker does it while its model trains.
 * - unmaskMs: aggregator time from the last completed masked vector to the
 *   decoded sum: closing collect-masked, verifying the survivor-set
 *   signatures, building the unmask requests, checking the revealed shares,
 *   rebuilding and verifying the secrets, removing the masks (split over
 *   `--threads` worker threads, as the coordinator runs it off its event
 *   loop) and decoding. Participants' own consistency and
 *   unmask work runs on their machines and is not included.
 * - uploadBytesPerParticipant: masked vector (lanes included) + framing
 *   (16 bytes per 1 MiB chunk, 32-byte digest, ~64-byte message).
 * - aggregatorPeakBytes: peak RSS above baseline of a child process that
 *   restores the aggregator, folds every masked vector 1 MiB at a time from a
 *   file, then runs consistency-check and unmask (single thread). The peak is
 *   the kernel's high-water mark (VmHWM, reset after the baseline), so
 *   nothing between samples is missed.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  AggregatorSession,
  applyMaskPlan,
  createSimulatedIdentities,
  fromJSONSafe,
  neighbourGraph,
  ParticipantSession,
  simulatedIds,
  toJSONSafe,
  createSecAggConfig,
} from '@fedra/secagg';
import type {
  AggregatorSnapshot,
  IdentitySigner,
  ConsistencyResponse,
  LaneSpec,
  MaskPlan,
  MaskedInputMessage,
  SecAggConfig,
  UnmaskResponse,
} from '@fedra/secagg';
import { median } from './stats.js';

const CHUNK_BYTES = 1 << 20;
const CHUNK_HEADER_BYTES = 16;
const DIGEST_BYTES = 32;
const MESSAGE_BYTES = 64;

interface Case {
  n: number;
  params: number;
  k: number;
  t: number;
  label: string;
}

interface Figures {
  setupMs: number;
  shareKeysMs: number;
  maskMs: number;
  receiveSharesMs: number;
  unmaskMs: number;
  foldMs: number;
  dropped: number;
  unmaskMasks: number;
  unmaskApplyMs: number;
}

// ---------------------------------------------------------------------------
// Worker thread: applies a mask plan to one slice of a shared vector.

interface SliceJob {
  plan: MaskPlan;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
  elementOffset: number;
}

/**
 * A pool of worker threads that split a mask plan over a shared vector, as
 * the coordinator runs CPU-heavy work off its event loop. The calling thread
 * only waits. Each worker warms up first (V8 tiers the wasm kernel and the
 * fold loop up only after they ran a while).
 */
class SlicePool {
  readonly #workers: Worker[];
  readonly #ready: Promise<void>;

  constructor(threads: number) {
    // Node 20 runs neither the parent's `--import tsx` hooks nor ESM hooks
    // registered inside a worker, so the worker loads @fedra/secagg through
    // tsx's CommonJS API (which honours --conditions=@fedra/source).
    const cjsApi = fileURLToPath(import.meta.resolve('tsx/cjs/api'));
    const entry = [
      `const tsx = require(${JSON.stringify(cjsApi)});`,
      `const { applyMaskPlan } = tsx.require('@fedra/secagg', ${JSON.stringify(fileURLToPath(import.meta.url))});`,
      `const { parentPort } = require('node:worker_threads');`,
      `const { randomBytes } = require('node:crypto');`,
      `const warm = new Uint32Array(1 << 20);`,
      `const plan = { vectorLength: warm.length, masks: [1, -1, 1, -1].map((sign) => ({ key: randomBytes(32), sign })), selfMasks: 0 };`,
      `for (let i = 0; i < 12; i++) applyMaskPlan(plan, warm, 0);`,
      `parentPort.postMessage('ready');`,
      `parentPort.on('message', (job) => {`,
      `  applyMaskPlan(job.plan, new Uint32Array(job.buffer, job.byteOffset, job.length), job.elementOffset);`,
      `  parentPort.postMessage('done');`,
      `});`,
    ].join('\n');
    this.#workers = Array.from(
      { length: Math.max(1, threads) },
      () =>
        new Worker(entry, {
          eval: true,
          // A larger young generation: the keystream arrives as short-lived 64 KiB buffers.
          resourceLimits: { maxYoungGenerationSizeMb: 48 },
        }),
    );
    this.#ready = Promise.all(
      this.#workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('message', () => {
              resolve();
            });
          }),
      ),
    ).then(() => undefined);
  }

  get threads(): number {
    return this.#workers.length;
  }

  /** Resolves once every worker is warm. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Applies `plan` to `vector`: a copy into shared memory when needed, slices in parallel. */
  async apply(plan: MaskPlan, vector: Uint32Array): Promise<void> {
    const shared = vector.buffer instanceof SharedArrayBuffer;
    const target = shared ? vector : new Uint32Array(new SharedArrayBuffer(vector.byteLength));
    if (!shared) target.set(vector);
    const parts = this.#workers.length;
    const step = Math.ceil(vector.length / parts / 16384) * 16384;
    const jobs: Array<Promise<void>> = [];
    for (let i = 0; i < parts; i++) {
      const start = Math.min(i * step, vector.length);
      const end = Math.min(start + step, vector.length);
      if (end <= start) continue;
      const worker = this.#workers[i] as Worker;
      jobs.push(
        new Promise((resolve) => {
          worker.once('message', () => {
            resolve();
          });
          worker.postMessage({
            plan,
            buffer: target.buffer as SharedArrayBuffer,
            byteOffset: target.byteOffset + start * 4,
            length: end - start,
            elementOffset: start,
          } satisfies SliceJob);
        }),
      );
    }
    await Promise.all(jobs);
    if (!shared) vector.set(target);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

// ---------------------------------------------------------------------------

function lanesFor(params: number): LaneSpec[] {
  return [
    { name: 'delta', length: params, bound: 1, scale: 2 ** 20 },
    { name: 'weight', length: 1, bound: 1000, scale: 1 },
    { name: 'lossSum', length: 1, bound: 10_000, scale: 2 ** 8 },
    { name: 'correct', length: 2, bound: 2 ** 15 - 1, scale: 1 },
  ];
}

/** AES-256-CTR keystream speed of one core fed 64 KiB pieces, in bytes/ms. */
function measureKeystream(): number {
  const cipher = createCipheriv('aes-256-ctr', randomBytes(32), Buffer.alloc(16));
  const zero = new Uint8Array(65536);
  let best = 0;
  // Best of 20 windows of 16 MiB: the machine's speed, not its noise.
  for (let window = 0; window < 20; window++) {
    const start = performance.now();
    for (let i = 0; i < 256; i++) cipher.update(zero);
    best = Math.max(best, (256 * zero.length) / (performance.now() - start));
  }
  return best;
}

interface CaseArtifacts {
  snapshot: AggregatorSnapshot;
  completions: MaskedInputMessage[];
  consistency: ConsistencyResponse[];
  unmask: UnmaskResponse[];
  vectorsFile: string;
  survivors: string[];
}

/** One full run of the protocol for a case; returns the figures and, when asked, files for the memory child. */
async function runOnce(
  c: Case,
  pool: SlicePool,
  dir: string | undefined,
): Promise<{ figures: Figures; artifacts?: CaseArtifacts }> {
  const ids = simulatedIds(c.n);
  const lanes = lanesFor(c.params);
  const config: SecAggConfig = createSecAggConfig({
    experimentId: 'bench',
    roundNumber: 1,
    attempt: 1,
    participants: ids,
    k: c.k,
    t: c.t,
    graphSeed: randomBytes(32),
    configHash: randomBytes(32),
    lanes,
  });
  const identities = createSimulatedIdentities(ids);
  const session = (id: string): ParticipantSession => {
    const p = participants.get(id);
    if (p === undefined) throw new Error(`no participant ${id}`);
    return p;
  };
  const participants = new Map(
    ids.map((id) => [
      id,
      ParticipantSession.create({
        config,
        signer: identities.signers.get(id) as IdentitySigner,
        verifier: identities.verifier,
      }),
    ]),
  );
  const aggregator = AggregatorSession.create({
    config,
    verifier: identities.verifier,
    createSum: (length) => new Uint32Array(new SharedArrayBuffer(length * 4)),
  });
  // 10% drop after share-keys, spread so that no one loses more than k - t
  // neighbours (an unlucky draw would abort, which measures nothing).
  const dropCount = Math.round(c.n / 10);
  const graph = neighbourGraph(ids, c.k, config.graphSeed);
  const lost = new Map<string, number>();
  const dropped = new Set<string>();
  for (const id of ids) {
    if (dropped.size === dropCount) break;
    const around = graph.get(id) ?? [];
    if (around.some((v) => (lost.get(v) ?? 0) >= c.k - c.t) || (lost.get(id) ?? 0) > c.k - c.t) {
      continue;
    }
    dropped.add(id);
    for (const v of around) lost.set(v, (lost.get(v) ?? 0) + 1);
  }

  const setupTimes: number[] = [];
  for (const p of participants.values()) {
    const start = performance.now();
    const message = await p.setup();
    setupTimes.push(performance.now() - start);
    await aggregator.receiveSetup(message);
  }
  const shareTimes: number[] = [];
  for (const keys of aggregator.closeSetup()) {
    const p = session(keys.recipient);
    const start = performance.now();
    const message = await p.shareKeys(keys);
    shareTimes.push(performance.now() - start);
    await aggregator.receiveShareKeys(message);
  }
  const routedAll = aggregator.closeShareKeys();
  const snapshot = aggregator.snapshot();

  // The same float update for everyone: contents do not change the cost.
  const delta = new Float32Array(c.params);
  for (let i = 0; i < delta.length; i++) delta[i] = Math.sin(i) * 0.5;
  const values = [delta, [37], [123.25], [1200, 0]];

  const maskTimes: number[] = [];
  const receiveTimes: number[] = [];
  const foldTimes: number[] = [];
  const completions: MaskedInputMessage[] = [];
  let vectorsFd: number | undefined;
  const vectorsFile = dir === undefined ? '' : join(dir, 'vectors.bin');
  if (dir !== undefined) vectorsFd = openSync(vectorsFile, 'w');
  for (const routed of routedAll) {
    const id = routed.recipient;
    if (dropped.has(id)) continue;
    const p = session(id);
    // Shares are checked and mask keys derived while the model would train.
    const receiveStart = performance.now();
    await p.receiveShares(routed);
    receiveTimes.push(performance.now() - receiveStart);
    const start = performance.now();
    const { message, vector } = await p.maskInput(
      { values },
      {
        applyPlan: (plan, v) => pool.apply(plan, v),
        createVector: (length) => new Uint32Array(new SharedArrayBuffer(length * 4)),
      },
    );
    maskTimes.push(performance.now() - start);
    const foldStart = performance.now();
    for (let at = 0; at < vector.length; at += CHUNK_BYTES / 4) {
      aggregator.foldMaskedChunk(id, at, vector.subarray(at, at + CHUNK_BYTES / 4));
    }
    aggregator.completeMasked(message);
    foldTimes.push(performance.now() - foldStart);
    completions.push(message);
    if (vectorsFd !== undefined)
      writeSync(vectorsFd, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
  }
  if (vectorsFd !== undefined) closeSync(vectorsFd);

  // From the last masked vector to the decoded sum (aggregator calls only).
  let unmaskMs = 0;
  const timed = async <T>(run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const out = await run();
    unmaskMs += performance.now() - start;
    return out;
  };
  const checks = await timed(() => aggregator.closeMasked());
  const consistency: ConsistencyResponse[] = [];
  for (const request of checks)
    consistency.push(await session(request.recipient).consistencyCheck(request));
  for (const response of consistency) await timed(() => aggregator.receiveConsistency(response));
  const requests = await timed(() => aggregator.closeConsistency());
  const unmask: UnmaskResponse[] = [];
  for (const request of requests) unmask.push(await session(request.recipient).unmask(request));
  for (const response of unmask) {
    await timed(() => {
      aggregator.receiveUnmask(response);
    });
  }
  let planMasks = 0;
  let applyMs = 0;
  const result = await timed(() =>
    aggregator.finish({
      applyPlan: async (plan, sum) => {
        planMasks = plan.masks.length;
        const start = performance.now();
        await pool.apply(plan, sum);
        applyMs = performance.now() - start;
      },
    }),
  );
  // Sanity: the decoded weight is the survivors' total weight.
  const weight = result.lanes[1]?.[0];
  if (weight !== 37 * result.survivors.length)
    throw new Error(`wrong sum: weight ${String(weight)}`);

  return {
    figures: {
      setupMs: median(setupTimes),
      shareKeysMs: median(shareTimes),
      maskMs: median(maskTimes),
      receiveSharesMs: median(receiveTimes),
      unmaskMs,
      foldMs: median(foldTimes),
      dropped: dropped.size,
      unmaskMasks: planMasks,
      unmaskApplyMs: applyMs,
    },
    ...(dir === undefined
      ? {}
      : {
          artifacts: {
            snapshot,
            completions,
            consistency,
            unmask,
            vectorsFile,
            survivors: result.survivors as string[],
          },
        }),
  };
}

// ---------------------------------------------------------------------------
// Memory child: holds only the aggregator.

interface ChildInput {
  snapshot: AggregatorSnapshot;
  completions: unknown;
  consistency: unknown;
  unmask: unknown;
  survivors: string[];
  vectorsFile: string;
}

/** Resets the kernel's peak-RSS mark (VmHWM) of this process; false where Linux's clear_refs is missing. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** This process's peak RSS since the last reset, from /proc/self/status. */
function readPeakRss(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

async function memoryChild(inputFile: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as ChildInput;
  const completions = fromJSONSafe(input.completions) as MaskedInputMessage[];
  const consistency = fromJSONSafe(input.consistency) as ConsistencyResponse[];
  const unmask = fromJSONSafe(input.unmask) as UnmaskResponse[];
  // Signatures were checked by the parent run; the child trusts them so it
  // needs no keys (verification cost is not what this process measures).
  const verifier = { verify: () => Promise.resolve(true) };
  const aggregator = AggregatorSession.restore(input.snapshot, { verifier });
  const vectorLength = aggregator.config.vectorLength;
  const chunk = new Uint8Array(CHUNK_BYTES);
  gc?.();
  gc?.();
  const base = process.memoryUsage();
  const hwmReset = resetPeakRss();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed + base.arrayBuffers;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  };
  const fd = openSync(input.vectorsFile, 'r');
  let position = 0;
  for (const message of completions) {
    const sender = message.header.sender;
    for (let at = 0; at < vectorLength;) {
      const elements = Math.min(CHUNK_BYTES / 4, vectorLength - at);
      const read = readSync(fd, chunk, 0, elements * 4, position);
      position += read;
      aggregator.foldMaskedChunk(sender, at, new Uint32Array(chunk.buffer, 0, elements));
      at += elements;
      sample();
    }
    aggregator.completeMasked(message);
  }
  closeSync(fd);
  aggregator.closeMasked();
  sample();
  for (const r of consistency) await aggregator.receiveConsistency(r);
  aggregator.closeConsistency();
  for (const r of unmask) aggregator.receiveUnmask(r);
  sample();
  const result = await aggregator.finish({
    applyPlan: (plan, sum) => {
      applyMaskPlan(plan, sum, 0);
      sample();
    },
  });
  sample();
  // The kernel's high-water mark catches peaks between samples.
  if (hwmReset) peakRss = Math.max(peakRss, readPeakRss() ?? 0);
  process.stdout.write(
    JSON.stringify({
      peakRssBytes: peakRss - base.rss,
      peakHeapBytes: peakHeap - (base.heapUsed + base.arrayBuffers),
      survivors: result.survivors.length,
    }) + '\n',
  );
}

function measureMemory(
  artifacts: CaseArtifacts,
  dir: string,
): { peakRssBytes: number; peakHeapBytes: number } {
  const inputFile = join(dir, 'child.json');
  writeFileSync(
    inputFile,
    JSON.stringify({
      snapshot: artifacts.snapshot,
      completions: toJSONSafe(artifacts.completions),
      consistency: toJSONSafe(artifacts.consistency),
      unmask: toJSONSafe(artifacts.unmask),
      survivors: artifacts.survivors,
      vectorsFile: artifacts.vectorsFile,
    }),
  );
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', self, '--memory-child', inputFile],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    peakRssBytes: number;
    peakHeapBytes: number;
  };
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const threadsArg = args.indexOf('--threads');
  const threads =
    threadsArg >= 0 ? Number(args[threadsArg + 1]) : Math.min(2, availableParallelism());
  const reps = quick ? 1 : 3;
  const cases: Case[] = [
    { n: 10, params: 1_000_000, k: 7, t: 4, label: 'SecAgg+' },
    { n: 100, params: 1_000_000, k: 7, t: 4, label: 'SecAgg+' },
    { n: 100, params: 100_000, k: 7, t: 4, label: 'SecAgg+' },
    { n: 10, params: 10_000_000, k: 7, t: 4, label: 'SecAgg+' },
    { n: 50, params: 100_000, k: 49, t: 26, label: 'classic' },
  ];
  const keystreamPerMs = measureKeystream();
  const pool = new SlicePool(threads);
  await pool.ready();
  const rows: Array<Record<string, number | string>> = [];
  try {
    // Warm-up (JIT, wasm kernel, worker threads): a small untimed round.
    await runOnce({ n: 10, params: 1_000_000, k: 7, t: 4, label: 'warm-up' }, pool, undefined);
    for (const c of cases) {
      const runs: Figures[] = [];
      let memory = { peakRssBytes: NaN, peakHeapBytes: NaN };
      for (let r = 0; r < reps; r++) {
        const last = r === reps - 1;
        const dir = last ? mkdtempSync(join(tmpdir(), 'fedra-secagg-bench-')) : undefined;
        try {
          const { figures, artifacts } = await runOnce(c, pool, dir);
          runs.push(figures);
          if (artifacts !== undefined && dir !== undefined) memory = measureMemory(artifacts, dir);
        } finally {
          if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
        }
      }
      const vectorLength = lanesFor(c.params).reduce((a, l) => a + l.length, 0);
      const vectorBytes = vectorLength * 4;
      const upload =
        vectorBytes +
        Math.ceil(vectorBytes / CHUNK_BYTES) * CHUNK_HEADER_BYTES +
        DIGEST_BYTES +
        MESSAGE_BYTES;
      const pick = (key: keyof Figures): number =>
        Number(median(runs.map((f) => f[key])).toFixed(2));
      const maskKeystreamMs = ((c.k + 1) * vectorBytes) / keystreamPerMs;
      const unmaskKeystreamMs = (pick('unmaskMasks') * vectorBytes) / keystreamPerMs / threads;
      const row = {
        bench: 'secagg',
        n: c.n,
        params: c.params,
        dropped: runs[0]?.dropped ?? 0,
        k: c.k,
        t: c.t,
        setupMs: pick('setupMs'),
        shareKeysMs: pick('shareKeysMs'),
        maskMs: pick('maskMs'),
        unmaskMs: pick('unmaskMs'),
        receiveSharesMs: pick('receiveSharesMs'),
        uploadBytesPerParticipant: upload,
        aggregatorPeakBytes: memory.peakRssBytes,
        aggregatorPeakHeapBytes: memory.peakHeapBytes,
        uploadBytesPerParam: Number((upload / c.params).toFixed(5)),
        foldMsPerParticipant: pick('foldMs'),
        unmaskMasks: pick('unmaskMasks'),
        unmaskApplyMs: pick('unmaskApplyMs'),
        maskKeystreamFloorMs: Number(maskKeystreamMs.toFixed(2)),
        unmaskKeystreamFloorMs: Number(unmaskKeystreamMs.toFixed(2)),
        threads,
        repetitions: reps,
      };
      process.stdout.write(JSON.stringify(row) + '\n');
      rows.push({ ...row, label: c.label });
    }
  } finally {
    await pool.close();
  }

  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const table = [
    '',
    `SecAgg+ benchmark: ${cpu}, ${availableParallelism()} cores, ${threads} thread(s), Node ${process.version}, ` +
      `AES-256-CTR keystream ${(keystreamPerMs / 1e6).toFixed(2)} GB/s/core (64 KiB pieces), ${reps} repetition(s)`,
    'case                        | setup ms | shareKeys ms | mask ms (floor) | unmask ms (floor) | upload B/param | agg peak MB',
    '----------------------------+----------+--------------+-----------------+-------------------+----------------+------------',
    ...rows.map((r) => {
      const name = `${String(r['label'])} n=${String(r['n'])} ${Number(r['params']) / 1e6}M k=${String(r['k'])} t=${String(r['t'])}`;
      const mb = (Number(r['aggregatorPeakBytes']) / 2 ** 20).toFixed(1);
      return [
        name.padEnd(27),
        String(r['setupMs']).padStart(8),
        String(r['shareKeysMs']).padStart(12),
        `${String(r['maskMs'])} (${String(r['maskKeystreamFloorMs'])})`.padStart(15),
        `${String(r['unmaskMs'])} (${String(r['unmaskKeystreamFloorMs'])})`.padStart(17),
        String(r['uploadBytesPerParam']).padStart(14),
        mb.padStart(11),
      ].join(' | ');
    }),
    '(floor = the AES-CTR keystream time alone at the measured speed; unmask floor divided by the thread count)',
  ];
  process.stderr.write(table.join('\n') + '\n');
}

const childAt = process.argv.indexOf('--memory-child');
const run = childAt >= 0 ? memoryChild(process.argv[childAt + 1] ?? '') : main();
run.catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
