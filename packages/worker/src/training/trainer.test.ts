import { FedraError, InvalidArgumentError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset.js';
import { loadMnistShard, loadMnistTest } from '../data/mnist-shard.js';
import { selectBackend } from './backend.js';
import { l2Norm } from './clip-delta.js';
import { createDemoModel } from './demo-models.js';
import type { ModelTopology } from './model.js';
import type { TrainRequest } from './trainer.js';
import { evaluateLocal, trainLocal } from './trainer.js';

function addDelta(weights: Float32Array, delta: Float32Array): Float32Array {
  return weights.map((w, i) => w + (delta[i] as number));
}

const BASE = {
  clipNorm: 1e6,
  maxExampleWeight: 1e6,
  lossClip: 50,
  seed: 7,
} as const;

describe('trainLocal', () => {
  let mlpShard: Dataset;

  beforeAll(async () => {
    expect((await selectBackend({ backend: 'wasm' })).backend).toBe('wasm');
    mlpShard = loadMnistShard({
      shard: 0,
      shards: 4,
      minorityFraction: 1,
      inputShape: [784],
      seed: 3,
    });
  });

  it('trains an MLP on an MNIST shard to a held-out accuracy well above chance', async () => {
    const spec = await createDemoModel('mlp');
    const result = await trainLocal(
      {
        ...BASE,
        topology: spec.topology,
        weights: spec.weights,
        config: { optimizer: 'adam', learningRate: 0.002, batchSize: 32, localEpochs: 2 },
      },
      mlpShard,
    );
    const test = loadMnistTest({ inputShape: [784] });
    const before = await evaluateLocal({
      topology: spec.topology,
      weights: spec.weights,
      data: test,
    });
    const after = await evaluateLocal({
      topology: spec.topology,
      weights: addDelta(spec.weights, result.delta),
      data: test,
    });
    expect(test.ys.length).toBe(1000);
    expect(before.accuracy).toBeLessThan(0.3);
    expect(after.accuracy).toBeGreaterThan(0.8);
    expect(after.loss).toBeLessThan(before.loss);
    expect(result.validation.examples).toBe(mlpShard.validation.ys.length);
    expect(result.validation.accuracy).toBeGreaterThan(0.8);
    expect(result.examples).toBe(mlpShard.train.ys.length);
    expect(result.steps).toBe(2 * Math.ceil(mlpShard.train.ys.length / 32));
    expect(result.correct).toBeGreaterThan(0.8 * result.examples);
    expect(result.lossSum / result.examples).toBeLessThan(before.loss);
  });

  it('trains a CNN on wasm: the loss goes down within a few steps', async () => {
    const cnnData = loadMnistShard({
      shard: 1,
      shards: 4,
      minorityFraction: 1,
      maxExamples: 320,
      seed: 3,
    });
    const spec = await createDemoModel('cnn');
    const probe = { topology: spec.topology, data: cnnData.train };
    const before = await evaluateLocal({ ...probe, weights: spec.weights });
    const result = await trainLocal(
      {
        ...BASE,
        topology: spec.topology,
        weights: spec.weights,
        config: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, localEpochs: 1 },
        maxSteps: 8,
      },
      cnnData,
    );
    const after = await evaluateLocal({ ...probe, weights: addDelta(spec.weights, result.delta) });
    expect(tf.getBackend()).toBe('wasm');
    expect(result.steps).toBe(8);
    expect(after.loss).toBeLessThan(before.loss * 0.9);
  });

  it('caps the delta norm at clipNorm and reports the norm before clipping', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 16 });
    const request: TrainRequest = {
      ...BASE,
      topology: spec.topology,
      weights: spec.weights,
      config: { optimizer: 'sgd', learningRate: 0.1, batchSize: 64, localEpochs: 1 },
      maxSteps: 5,
    };
    const free = await trainLocal(request, mlpShard);
    expect(free.clipped).toBe(false);
    expect(l2Norm(free.delta)).toBeCloseTo(free.deltaNorm, 4);
    const bound = free.deltaNorm / 4;
    const capped = await trainLocal({ ...request, clipNorm: bound }, mlpShard);
    expect(capped.clipped).toBe(true);
    expect(capped.deltaNorm).toBeCloseTo(free.deltaNorm, 4);
    expect(Math.abs(l2Norm(capped.delta) - bound) / bound).toBeLessThan(1e-6);
    // Same seed, same steps: the clipped delta is the free one scaled down.
    const ratio = bound / free.deltaNorm;
    for (let i = 0; i < free.delta.length; i += 97) {
      expect(capped.delta[i]).toBeCloseTo((free.delta[i] as number) * ratio, 5);
    }
  });

  it('with a large FedProx mu stays closer to the global model than with mu = 0', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 16 });
    const request = (fedproxMu: number): TrainRequest => ({
      ...BASE,
      topology: spec.topology,
      weights: spec.weights,
      config: { optimizer: 'sgd', learningRate: 0.1, batchSize: 32, localEpochs: 1, fedproxMu },
      maxSteps: 30,
    });
    const plain = await trainLocal(request(0), mlpShard);
    const proximal = await trainLocal(request(5), mlpShard);
    expect(proximal.deltaNorm).toBeLessThan(plain.deltaNorm * 0.7);
  });

  it('is reproducible with a seed and disposes every tensor', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 16 });
    const request: TrainRequest = {
      ...BASE,
      topology: spec.topology,
      weights: spec.weights,
      config: {
        optimizer: 'momentum',
        learningRate: 0.05,
        batchSize: 16,
        localEpochs: 2,
        fedproxMu: 0.1,
      },
      maxSteps: 12,
    };
    const baseline = tf.memory().numTensors;
    const a = await trainLocal(request, mlpShard);
    expect(tf.memory().numTensors).toBe(baseline);
    const b = await trainLocal(request, mlpShard);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(b.delta).toEqual(a.delta);
    expect(b.lossSum).toBe(a.lossSum);
    const c = await trainLocal({ ...request, seed: 8 }, mlpShard);
    expect(c.delta).not.toEqual(a.delta);
  });

  it('trains models with logit outputs and caps the example weight', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [784], units: 10 }));
    const topology = model.toJSON(null, false) as unknown as ModelTopology;
    const weights = new Float32Array(784 * 10 + 10);
    model.dispose();
    const result = await trainLocal(
      {
        ...BASE,
        maxExampleWeight: 100,
        topology,
        weights,
        config: { optimizer: 'sgd', learningRate: 0.5, batchSize: 64, localEpochs: 1 },
      },
      mlpShard,
    );
    expect(result.weight).toBe(100);
    expect(result.examples).toBeGreaterThan(100);
    // Zero weights give uniform logits: the first batches' loss is ln(10) each,
    // and the mean over the epoch must come in below it.
    expect(result.lossSum / result.examples).toBeLessThan(Math.log(10));
    expect(result.validation.accuracy).toBeGreaterThan(0.7);
  });

  it('names the request field that is wrong', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 4 });
    const good: TrainRequest = {
      ...BASE,
      topology: spec.topology,
      weights: spec.weights,
      config: { optimizer: 'sgd', learningRate: 0.1, batchSize: 8, localEpochs: 1 },
    };
    const fieldOf = async (request: TrainRequest, data: Dataset = mlpShard): Promise<string> => {
      const error: unknown = await trainLocal(request, data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      return (error as InvalidArgumentError).field;
    };
    expect(await fieldOf({ ...good, config: { ...good.config, learningRate: -1 } })).toBe(
      'config.learningRate',
    );
    expect(await fieldOf({ ...good, config: { ...good.config, batchSize: 0 } })).toBe(
      'config.batchSize',
    );
    expect(await fieldOf({ ...good, clipNorm: 0 })).toBe('clipNorm');
    expect(await fieldOf({ ...good, weights: spec.weights.subarray(1) })).toBe('weights');
    const images = loadMnistShard({ shard: 0, shards: 50, maxExamples: 20 });
    expect(await fieldOf(good, images)).toBe('inputShape');
  });

  it('refuses a diverged update', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 8 });
    const error: unknown = await trainLocal(
      {
        ...BASE,
        topology: spec.topology,
        weights: spec.weights,
        config: { optimizer: 'sgd', learningRate: 1e30, batchSize: 64, localEpochs: 1 },
        maxSteps: 3,
      },
      mlpShard,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('NON_FINITE_INPUT');
  });
});
