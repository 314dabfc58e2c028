import type { FedraError } from '@fedra/common';
import { InvalidArgumentError, PolicyRefusedError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { createDemoModel } from './demo-models.js';
import type { ModelTopology } from './model.js';
import {
  buildModel,
  checkLayers,
  countParameters,
  flattenWeights,
  listLayerClasses,
  modelSignature,
  unflattenWeights,
  weightSpecs,
} from './model.js';

const CNN_LAYERS = ['Conv2D', 'Dense', 'Flatten', 'MaxPooling2D'];

function topologyOf(model: tf.LayersModel): ModelTopology {
  const topology = model.toJSON(null, false) as unknown as ModelTopology;
  model.dispose();
  return topology;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('model', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'cpu' });
  });

  it('builds a model from topology + flat weights and flattens it back bit for bit', async () => {
    const spec = await createDemoModel('cnn', { seed: 4 });
    const baseline = tf.memory().numTensors;
    const model = await buildModel(spec.topology, spec.weights);
    expect(countParameters(model)).toBe(5258);
    expect(flattenWeights(model)).toEqual(spec.weights);
    const specs = weightSpecs(model);
    expect(specs.map((s) => s.shape)).toEqual([
      [3, 3, 1, 8],
      [8],
      [3, 3, 8, 16],
      [16],
      [400, 10],
      [10],
    ]);
    expect(specs.map((s) => s.offset)).toEqual([0, 72, 80, 1232, 1248, 5248]);
    expect(specs.every((s) => s.trainable)).toBe(true);
    const parts = unflattenWeights(spec.weights, specs);
    expect(parts[2]?.values[0]).toBe(spec.weights[80]);
    expect(parts[2]?.values.buffer).toBe(spec.weights.buffer);
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    expect(countParameters(await buildModel((await createDemoModel('mlp')).topology))).toBe(
      784 * 128 + 128 + 1290,
    );
  });

  it('reads the architecture from a model.json artifact and never loads its weights manifest', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 8 });
    const probe = await buildModel(spec.topology);
    const manifestWeights = weightSpecs(probe).map((s) => ({
      name: s.name,
      shape: s.shape,
      dtype: 'float32',
    }));
    probe.dispose();
    // tfjs would fetch this (and fail: nothing listens on port 9) if the
    // manifest were honoured.
    const artifact = {
      modelTopology: spec.topology,
      weightsManifest: [
        { paths: ['http://127.0.0.1:9/never-fetched.bin'], weights: manifestWeights },
      ],
    };
    const model = await buildModel(artifact, spec.weights);
    expect(flattenWeights(model)).toEqual(spec.weights);
    model.dispose();
  });

  it('rejects weight vectors that do not fit, naming the field', async () => {
    const spec = await createDemoModel('mlp', { hiddenUnits: 8 });
    const short = await rejection(buildModel(spec.topology, spec.weights.subarray(1)));
    expect(short).toBeInstanceOf(InvalidArgumentError);
    expect((short as InvalidArgumentError).field).toBe('weights');
    expect((short as InvalidArgumentError).message).toContain(
      `has ${spec.weights.length - 1} values`,
    );
    const poisoned = spec.weights.slice();
    poisoned[3] = Number.POSITIVE_INFINITY;
    const nonFinite = await rejection(buildModel(spec.topology, poisoned));
    expect((nonFinite as FedraError).code).toBe('NON_FINITE_INPUT');
  });

  it('rejects what is not a buildable topology', async () => {
    for (const bad of [
      {},
      { class_name: 'Sequential', config: { layers: [{ class_name: 'NoSuchLayer', config: {} }] } },
    ]) {
      const error = await rejection(buildModel(bad));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('topology');
    }
  });

  it('reads the input shape, class count and output kind', async () => {
    const cnn = await buildModel((await createDemoModel('cnn')).topology);
    expect(modelSignature(cnn)).toEqual({
      inputShape: [28, 28, 1],
      numClasses: 10,
      outputsProbabilities: true,
    });
    cnn.dispose();
    const logits = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 4 })] });
    expect(modelSignature(logits).outputsProbabilities).toBe(false);
    const softmaxLayer = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [3], units: 4 }), tf.layers.softmax()],
    });
    expect(modelSignature(softmaxLayer).outputsProbabilities).toBe(true);
    const input = tf.input({ shape: [3] });
    const twoHeads = tf.model({
      inputs: input,
      outputs: [
        tf.layers.dense({ units: 2 }).apply(input),
        tf.layers.dense({ units: 2 }).apply(input),
      ] as tf.SymbolicTensor[],
    });
    expect(() => modelSignature(twoHeads)).toThrow(InvalidArgumentError);
    logits.dispose();
    softmaxLayer.dispose();
    twoHeads.dispose();
  });
});

describe('checkLayers', () => {
  it('passes a model whose layers are all allowed and lists its classes', async () => {
    const { topology } = await createDemoModel('cnn');
    expect(listLayerClasses(topology)).toEqual(CNN_LAYERS);
    expect(() => {
      checkLayers(topology, CNN_LAYERS);
    }).not.toThrow();
  });

  it('refuses the first layer outside the allow-list, naming its class', async () => {
    const { topology } = await createDemoModel('cnn');
    let error: unknown;
    try {
      checkLayers(topology, ['Dense', 'Flatten', 'MaxPooling2D']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyRefusedError);
    const refused = error as PolicyRefusedError;
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.rule).toBe('layers');
    expect(refused.metadata['layerClass']).toBe('Conv2D');
    expect(refused.message).toContain('Conv2D');
  });

  it('checks layers nested in functional models and wrappers', () => {
    const input = tf.input({ shape: [5, 3] });
    const inner = tf.layers
      .timeDistributed({ layer: tf.layers.dense({ units: 2 }) })
      .apply(input) as tf.SymbolicTensor;
    const output = tf.layers.flatten().apply(inner) as tf.SymbolicTensor;
    const topology = topologyOf(tf.model({ inputs: input, outputs: output }));
    expect(listLayerClasses(topology)).toEqual(['Dense', 'Flatten', 'TimeDistributed']);
    expect(() => {
      checkLayers(topology, ['TimeDistributed', 'Flatten']);
    }).toThrow(/Dense/);
    expect(() => {
      checkLayers(topology, ['TimeDistributed', 'Flatten', 'Dense']);
    }).not.toThrow();
  });

  it('rejects JSON that is not a topology', () => {
    expect(() => {
      checkLayers({ class_name: 'Sequential', config: {} }, ['Dense']);
    }).toThrow(InvalidArgumentError);
    expect(() => {
      checkLayers({ hello: 'world' }, ['Dense']);
    }).toThrow(InvalidArgumentError);
  });
});
