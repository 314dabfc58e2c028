/**
 * Local training throughput: optimizer steps per second of the worker's
 * trainer (`trainLocal`, the code a round runs) for the MNIST MLP
 * (784-128-10) and the small CNN (conv 3x3x8, maxpool, conv 3x3x16,
 * maxpool, dense 10) at batch 64, on every backend this host has (cpu, wasm,
 * and tfjs-node / tfjs-node-gpu where installed).
 *
 * Run: node --conditions=@fedra/source --import tsx benchmarks/train.bench.ts [--quick]
 * (or `pnpm bench train`). Prints one JSON line per case on stdout and a
 * table on stderr.
 *
 * Each case first runs two warm-up steps (kernel set-up, XNNPACK operator
 * creation, JIT), sizes the measured run from them to about `targetSeconds`,
 * then reports steps / loop seconds. A step includes what a round pays per
 * step: building the batch from typed arrays, forward, backward, the
 * optimizer update and reading the batch's loss/accuracy back.
 *
 * @module
 */
import { cpus } from 'node:os';
import { createDemoModel, loadMnistShard, selectBackend, trainLocal } from '@fedra/worker';
import type { BackendName, Dataset, DemoModelKind } from '@fedra/worker';

const quick = process.argv.includes('--quick');
const BATCH = 64;
const targetSeconds = quick ? 1.5 : 8;
const MODELS: readonly DemoModelKind[] = ['mlp', 'cnn'];
const BACKENDS: readonly BackendName[] = ['cpu', 'wasm', 'tfjs-node', 'tfjs-node-gpu'];

interface Row {
  model: DemoModelKind;
  backend: BackendName;
  steps: number;
  stepsPerSec: number;
}

/** All training digits, IID, in the model's input shape. */
function digits(kind: DemoModelKind): Dataset {
  return loadMnistShard({
    shard: 0,
    shards: 1,
    minorityFraction: 1,
    validationFraction: 0,
    inputShape: kind === 'mlp' ? [784] : [28, 28, 1],
  });
}

async function measure(
  kind: DemoModelKind,
  dataset: Dataset,
): Promise<{ steps: number; seconds: number }> {
  const spec = await createDemoModel(kind);
  const run = (maxSteps: number): ReturnType<typeof trainLocal> =>
    trainLocal(
      {
        topology: spec.topology,
        weights: spec.weights,
        config: { optimizer: 'sgd', learningRate: 0.01, batchSize: BATCH, localEpochs: 100 },
        clipNorm: 1e6,
        maxExampleWeight: 1e9,
        lossClip: 100,
        seed: 1,
        maxSteps,
      },
      // Validation is not timed, but costs: skip it.
      { ...dataset, validation: { xs: new Float32Array(0), ys: new Uint8Array(0) } },
    );
  const warm = await run(2);
  const perStep = warm.seconds / warm.steps;
  const steps = Math.max(3, Math.min(2000, Math.round(targetSeconds / perStep)));
  const result = await run(steps);
  return { steps: result.steps, seconds: result.seconds };
}

async function main(): Promise<void> {
  const data = { mlp: digits('mlp'), cnn: digits('cnn') };
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const backend of BACKENDS) {
    try {
      await selectBackend({ backend });
    } catch (error) {
      skipped.push(`${backend} (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    for (const model of MODELS) {
      const { steps, seconds } = await measure(model, data[model]);
      const row: Row = { model, backend, steps, stepsPerSec: steps / seconds };
      rows.push(row);
      process.stdout.write(
        JSON.stringify({
          bench: 'train',
          model,
          backend,
          batch: BATCH,
          steps,
          stepsPerSec: round(row.stepsPerSec),
          examplesPerSec: round(row.stepsPerSec * BATCH),
        }) + '\n',
      );
    }
  }
  const table = [
    `train: batch ${BATCH}, ${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length}, node ${process.version}${quick ? ', --quick' : ''}`,
    'model  backend        steps  steps/s  vs cpu',
  ];
  for (const row of rows) {
    const cpu = rows.find((r) => r.model === row.model && r.backend === 'cpu');
    const ratio = cpu === undefined ? '' : `${(row.stepsPerSec / cpu.stepsPerSec).toFixed(1)}x`;
    table.push(
      `${row.model.padEnd(6)} ${row.backend.padEnd(14)} ${String(row.steps).padStart(5)}  ${row.stepsPerSec.toFixed(2).padStart(7)}  ${ratio.padStart(6)}`,
    );
  }
  for (const s of skipped) table.push(`skipped: ${s}`);
  process.stderr.write(table.join('\n') + '\n');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
