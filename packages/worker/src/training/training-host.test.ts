import { InvalidArgumentError, UnavailableError } from '@fedra/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnistShard, loadMnistTest } from '../data/mnist-shard.js';
import { createDemoModel } from './demo-models.js';
import type { ModelSpec } from './demo-models.js';
import { TrainingHost } from './training-host.js';

describe('TrainingHost', () => {
  let host: TrainingHost;
  let spec: ModelSpec;

  beforeAll(async () => {
    host = await TrainingHost.create();
    spec = await createDemoModel('mlp', { hiddenUnits: 32 });
  });

  afterAll(async () => {
    await host.close();
  });

  it('selects wasm in its thread and says why the native backends were skipped', () => {
    expect(host.state).toBe('running');
    expect(host.selection.backend).toBe('wasm');
    expect(host.selection.device.simd).toBe(true);
    expect(host.selection.tried.map((t) => t.backend)).toEqual(['tfjs-node-gpu', 'tfjs-node']);
    for (const attempt of host.selection.tried) expect(attempt.reason).toBe('not installed');
  });

  it('trains on a dataset it holds and leaves no tensors behind', async () => {
    const shard = loadMnistShard({
      shard: 2,
      shards: 8,
      minorityFraction: 1,
      inputShape: [784],
      seed: 5,
    });
    const summary = await host.addDataset(shard);
    expect(summary).toMatchObject({
      name: 'mnist',
      inputShape: [784],
      numClasses: 10,
      trainExamples: shard.train.ys.length,
      validationExamples: shard.validation.ys.length,
    });
    const baseline = await host.numTensors();
    const weights = spec.weights.slice();
    const result = await host.train({
      dataset: 'mnist',
      topology: spec.topology,
      weights,
      config: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, localEpochs: 2 },
      clipNorm: 100,
      maxExampleWeight: 10_000,
      lossClip: 20,
      seed: 1,
    });
    expect(weights.length).toBe(spec.weights.length);
    expect(result.delta).toBeInstanceOf(Float32Array);
    expect(result.delta.length).toBe(spec.weights.length);
    expect(result.examples).toBe(shard.train.ys.length);
    expect(result.validation.accuracy).toBeGreaterThan(0.7);
    expect(await host.numTensors()).toBe(baseline);

    const trained = spec.weights.map((w, i) => w + (result.delta[i] as number));
    const test = loadMnistTest({ inputShape: [784], perClass: 30 });
    const metrics = await host.evaluate({ topology: spec.topology, weights: trained, data: test });
    expect(metrics.examples).toBe(300);
    expect(metrics.accuracy).toBeGreaterThan(0.7);
    const onHeld = await host.evaluate({
      topology: spec.topology,
      weights: trained,
      dataset: 'mnist',
    });
    expect(onHeld.accuracy).toBeCloseTo(result.validation.accuracy, 6);
  });

  it('transfers weights on request instead of copying them', async () => {
    const weights = spec.weights.slice();
    const result = await host.evaluate(
      { topology: spec.topology, weights, dataset: 'mnist', split: 'train' },
      { transfer: true },
    );
    expect(weights.length).toBe(0);
    expect(result.examples).toBeGreaterThan(0);
  });

  it('loads datasets from a config inside the thread', async () => {
    const summary = await host.loadDataset({
      name: 'digits',
      format: 'mnist',
      shard: 1,
      shards: 10,
      inputShape: [784],
    });
    expect(summary.name).toBe('digits');
    expect(summary.trainExamples + summary.validationExamples).toBeGreaterThan(100);
    expect(await host.removeDataset('digits')).toBe(true);
    expect(await host.removeDataset('digits')).toBe(false);
  });

  it('rejects bad jobs with the error class and field the thread raised', async () => {
    const bad = await host
      .train({
        dataset: 'mnist',
        topology: spec.topology,
        weights: spec.weights,
        config: { optimizer: 'sgd', learningRate: 0, batchSize: 8, localEpochs: 1 },
        clipNorm: 1,
        maxExampleWeight: 1,
        lossClip: 1,
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidArgumentError);
    expect((bad as InvalidArgumentError).field).toBe('config.learningRate');
    const missing = await host
      .evaluate({ topology: spec.topology, weights: spec.weights, dataset: 'nope' })
      .catch((e: unknown) => e);
    expect((missing as InvalidArgumentError).field).toBe('dataset');
    // The thread is still healthy after a failed job.
    expect(await host.numTensors()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a forced backend that is not available and closes cleanly', async () => {
    const error = await TrainingHost.create({ backend: 'tfjs-node' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).dependency).toBe('tfjs-node');
    expect((error as Error).message).toMatch(/not available: not installed/);

    const other = await TrainingHost.create({ backend: 'cpu' });
    expect(other.selection.backend).toBe('cpu');
    await other.close();
    expect(other.state).toBe('closed');
    await other.close();
    await expect(other.numTensors()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
