/**
 * What leaves a region, byte for byte: three workers over mutual TLS run one
 * full securely aggregated round (real MNIST digits written as CSV, with
 * distinctive values planted in pixels that are blank in every MNIST
 * digit). A client interceptor on worker w1 records every request message
 * and all metadata it sends. No recorded byte string contains a planted
 * value (as float64 in either byte order or decimal text), nor any run of
 * 4 consecutive elements of w1's own encoded, unmasked update (as
 * little-endian uint32, at any byte offset).
 *
 * The 4-byte encodings of a planted value (float32 either byte order, its
 * fixed-point words) are a different matter: w1 sends ~0.4 MB of bytes that
 * are uniform by design (masked vector, keys, ciphertexts), in which any
 * given 4-byte string turns up by chance with probability ~1e-4, so ~1,500
 * such needles match ~0.15 times per run without any leak. For them the test
 * counts matches and fails when the count could not be chance (Poisson tail
 * below 1e-9), which any leak of the planted data (256 values) exceeds many
 * times over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoExperimentSpec } from '@fedra/cli';
import type { ExperimentSpec } from '@fedra/proto';
import {
  egressInterceptor,
  loadMnistShard,
  loadRegionPolicy,
  loadTlsIdentity,
  Worker,
  WorkerMetrics,
} from '@fedra/worker';
import type { EgressRecord } from '@fedra/worker';
import { waitFor } from './harness.js';
import { startTlsFederation } from './tls-federation.js';
import type { TlsFederation } from './tls-federation.js';

const WORKERS = [
  { workerId: 'w1', region: 'eu', classes: [0, 1, 2, 3] },
  { workerId: 'w2', region: 'us', classes: [4, 5, 6] },
  { workerId: 'w3', region: 'ap', classes: [7, 8, 9] },
] as const;
const EXAMPLES = 64;
/** Pixels 0-3 (the top-left corner) are 0 in every MNIST digit: only planted values live there. */
const PLANTED_PIXELS = 4;

let federation: TlsFederation | undefined;

afterEach(async () => {
  await federation?.close();
  federation = undefined;
});

/** Distinctive values for worker `index`, one per example and planted pixel. */
function plantedValues(index: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < EXAMPLES * PLANTED_PIXELS; i += 1)
    values.push(Math.fround(0.1 + index * 0.2 + i * 0.000_613_7 + 0.000_000_91));
  return values;
}

/** Real MNIST digits of the worker's shard as CSV, planted pixels overwritten. */
function shardCsv(index: number, planted: readonly number[]): string {
  const worker = WORKERS[index];
  if (worker === undefined) throw new Error(`no worker ${index}`);
  const shard = loadMnistShard({
    shard: index,
    shards: WORKERS.length,
    classes: worker.classes,
    seed: 7,
  });
  const header = ['label', ...Array.from({ length: 784 }, (_, p) => `p${p}`)].join(',');
  const rows = [header];
  for (let e = 0; e < EXAMPLES; e += 1) {
    const pixels = Array.from(shard.train.xs.subarray(e * 784, (e + 1) * 784));
    for (let p = 0; p < PLANTED_PIXELS; p += 1) {
      expect(pixels[p]).toBe(0);
      pixels[p] = planted[e * PLANTED_PIXELS + p] ?? 0;
    }
    rows.push(
      [String(shard.train.ys[e]), ...pixels.map((v) => (v === 0 ? '0' : String(v)))].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** Every byte encoding of `value` we can think of a leak taking, 8 bytes or longer. */
function longEncodings(value: number): Buffer[] {
  const out: Buffer[] = [];
  const f64 = Buffer.alloc(8);
  f64.writeDoubleLE(value);
  out.push(Buffer.from(f64));
  f64.writeDoubleBE(value);
  out.push(Buffer.from(f64));
  out.push(Buffer.from(String(value)), Buffer.from(value.toFixed(6)));
  return out;
}

/** The 4-byte encodings of `value`: float32 both byte orders, and its fixed-point words. */
function wordEncodings(value: number, spec: ExperimentSpec): Buffer[] {
  const out: Buffer[] = [];
  const f32 = Buffer.alloc(4);
  f32.writeFloatLE(value);
  out.push(Buffer.from(f32));
  f32.writeFloatBE(value);
  out.push(Buffer.from(f32));
  const scales = spec.laneScales;
  for (const scale of [Number(scales?.update ?? 1), Number(scales?.lossSum ?? 1)]) {
    for (const fixed of [Math.floor(value * scale), Math.ceil(value * scale)]) {
      const u32 = Buffer.alloc(4);
      u32.writeUInt32LE(fixed >>> 0);
      out.push(u32);
    }
  }
  return out;
}

/** How often `needle` occurs in `haystack`, overlapping matches included. */
function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * The smallest count c with P(X >= c) < 1e-9 for X ~ Poisson(expected): more
 * matches than chance could plausibly give.
 */
function chanceCeiling(expected: number): number {
  let term = Math.exp(-expected);
  let below = 0;
  for (let c = 0; ; c++) {
    below += term;
    if (1 - below < 1e-9) return c + 1;
    term *= expected / (c + 1);
  }
}

/** The 16-byte windows (4 consecutive LE uint32 elements) of `encoded` that carry information. */
function updateWindows(encoded: Uint32Array): Set<string> {
  const bytes = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const windows = new Set<string>();
  for (let i = 0; i + 4 <= encoded.length; i += 1) {
    // A run of zero deltas (weights no example touched) says nothing.
    if (encoded[i] === 0 && encoded[i + 1] === 0 && encoded[i + 2] === 0 && encoded[i + 3] === 0)
      continue;
    windows.add(bytes.toString('hex', i * 4, i * 4 + 16));
  }
  return windows;
}

/** The first 16-byte window of `bytes` (at any offset) found in `windows`. */
function findWindow(bytes: Buffer, windows: ReadonlySet<string>): number {
  for (let at = 0; at + 16 <= bytes.length; at += 1)
    if (windows.has(bytes.toString('hex', at, at + 16))) return at;
  return -1;
}

async function startWorkers(
  f: TlsFederation,
  spec: ExperimentSpec,
  egress: EgressRecord[],
  updates: Uint32Array[],
): Promise<{ planted: number[]; metrics: WorkerMetrics }> {
  let planted: number[] = [];
  let metrics = new WorkerMetrics();
  for (const [index, w] of WORKERS.entries()) {
    const values = plantedValues(index);
    const files = await f.workerFiles({
      workerId: w.workerId,
      region: w.region,
      pinned: { eu: 'eu', us: 'us', ap: 'ap' },
      policy: {
        version: 1,
        rounds: { minCohort: 3, minK: 2, minT: 2, minSurvivors: 2 },
        model: { maxParameters: 200_000, maxClipNorm: 10 },
        owners: ['spiffe://test.fedra/scientist/*'],
        datasets: {
          mnist: {
            format: 'csv',
            path: 'train.csv',
            labelColumn: 'label',
            numClasses: 10,
            inputShape: [784],
            seed: 7,
          },
        },
      },
      data: { 'train.csv': shardCsv(index, values) },
    });
    const policy = await loadRegionPolicy(files.policy, { dataDir: files.dataDir });
    const tls = await loadTlsIdentity(
      { caFile: files.ca, certFile: files.cert, keyFile: files.key },
      policy,
    );
    const observed = w.workerId === 'w1';
    const workerMetrics = new WorkerMetrics();
    const worker = await Worker.create({
      coordinator: `127.0.0.1:${f.port}`,
      credentials: tls.credentials,
      signer: tls.certificate.signer,
      peerVerifier: tls.peerVerifier,
      policy,
      datasets: Object.values(policy.datasets),
      stateDir: files.stateDir,
      heartbeatIntervalMs: 500,
      reconnect: { initialMs: 50, maxMs: 1_000 },
      metrics: workerMetrics,
      ...(observed
        ? {
            interceptors: [egressInterceptor((record) => egress.push(record))],
            onEncodedUpdate: (_key: string, encoded: Uint32Array) => updates.push(encoded),
          }
        : {}),
    });
    if (observed) {
      planted = values;
      metrics = workerMetrics;
    }
    worker.run().catch(() => undefined);
    f.onClose(() => worker.shutdown());
  }
  expect(spec.dataset?.name).toBe('mnist');
  return { planted, metrics };
}

describe('egress of a worker in a secure round', () => {
  it('sends no planted training value and no run of its unmasked update', async () => {
    const f = await startTlsFederation({ regions: ['eu', 'us', 'ap'] });
    federation = f;
    const { spec, weights } = await demoExperimentSpec(WORKERS.length, 1);
    const egress: EgressRecord[] = [];
    const updates: Uint32Array[] = [];
    const { planted, metrics } = await startWorkers(f, spec, egress, updates);
    const experimentId = await f.startExperiment(spec, weights);
    await waitFor(async () => {
      const revealed = (await f.participants(experimentId, 1)).filter(
        (p) => p.state === 'PARTICIPANT_STATE_REVEALED',
      );
      return revealed.length === WORKERS.length ? revealed : undefined;
    }, 'all three workers to reveal at unmask');

    // The round ran in full, and the recorder saw every stage's messages.
    const methods = new Set(egress.map((r) => r.method.slice(r.method.lastIndexOf('/') + 1)));
    for (const method of [
      'Register',
      'SubmitSetup',
      'SubmitShares',
      'UploadMasked',
      'SubmitSurvivorSignature',
      'SubmitUnmask',
    ])
      expect(methods).toContain(method);
    expect(updates).toHaveLength(1);
    const update = updates[0] ?? new Uint32Array();
    expect(update.length).toBe(weights.length + 3);
    const uploaded = egress
      .filter((r) => r.method.endsWith('/UploadMasked'))
      .reduce((sum, r) => sum + r.bytes.length, 0);
    expect(uploaded).toBeGreaterThan(update.byteLength);

    const windows = updateWindows(update);
    // Most of the update is informative (the planted corner and every digit's pixels train).
    expect(windows.size).toBeGreaterThan(1_000);
    const needles = planted.flatMap((value) => longEncodings(value));
    const words = planted.flatMap((value) => wordEncodings(value, spec));
    // The detectors work: they find the update in itself, and the planted values in the data.
    const raw = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const first = update.findIndex((v) => v !== 0);
    const sample = raw.subarray(first * 4, first * 4 + 16);
    expect(findWindow(Buffer.concat([Buffer.from('prefix'), sample]), windows)).toBe(6);
    expect(Buffer.from(shardCsv(0, planted)).includes(needles[2] ?? Buffer.alloc(1))).toBe(true);
    const plantedWords = Buffer.concat(
      planted.map((v) => wordEncodings(v, spec)[0] ?? Buffer.alloc(0)),
    );
    expect(words.reduce((n, w) => n + occurrences(plantedWords, w), 0)).toBeGreaterThanOrEqual(
      planted.length,
    );
    let wordMatches = 0;
    let searched = 0;
    for (const record of egress) {
      const where = `${record.method} (${record.kind}, ${record.bytes.length} bytes)`;
      expect(findWindow(record.bytes, windows), where).toBe(-1);
      for (const needle of needles) expect(record.bytes.includes(needle), where).toBe(false);
      for (const word of words) wordMatches += occurrences(record.bytes, word);
      searched += Math.max(0, record.bytes.length - 3);
    }
    // Chance alone: each of `words` at each of `searched` offsets with probability 2^-32.
    const expectedByChance = (words.length * searched) / 2 ** 32;
    expect(wordMatches).toBeLessThan(chanceCeiling(expectedByChance));

    // The same bytes are counted in the worker's metrics, with its training.
    const recorded = egress.reduce((sum, r) => sum + r.bytes.length, 0);
    const text = await metrics.registry.metrics();
    const sent = Number(/fedra_worker_bytes_sent_total (\d+)/.exec(text)?.[1] ?? 0);
    expect(sent).toBeGreaterThanOrEqual(recorded);
    expect(text).toMatch(/fedra_worker_rounds_joined_total [1-9]/);
    expect(text).toMatch(/fedra_worker_examples_total [1-9]/);
    expect(text).toMatch(/fedra_worker_training_seconds_count [1-9]/);
  }, 240_000);
});
