/**
 * Reference MNIST models for demos, tests and benchmarks, in the form an
 * experiment ships them: a topology (JSON) and flat initial weights.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend.js';
import type { ModelTopology } from './model.js';
import { flattenWeights } from './model.js';

/** The demo architectures. */
export type DemoModelKind = 'mlp' | 'cnn';

/** A model as an experiment carries it. */
export interface ModelSpec {
  /** Keras-style topology JSON (`model.toJSON(null, false)`). */
  readonly topology: ModelTopology;
  /** Flat initial weights in `model.weights` order. */
  readonly weights: Float32Array;
}

/** Options for {@link createDemoModel}. */
export interface DemoModelOptions {
  /**
   * Seed of the weight initializers.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Hidden units of the MLP.
   * @default 128
   */
  readonly hiddenUnits?: number;
}

/**
 * Builds an MNIST classifier with softmax outputs over 10 classes.
 *
 * - `mlp`: input [784], Dense(128, relu), Dense(10, softmax) — 101,770 parameters.
 * - `cnn`: input [28, 28, 1], Conv2D(8, 3x3, relu), MaxPool(2), Conv2D(16,
 *   3x3, relu), MaxPool(2), Flatten, Dense(10, softmax) — 5,258 parameters.
 *
 * Runs on the thread's active tfjs backend (selecting `cpu` when the thread
 * has none yet) and disposes what it built.
 */
export async function createDemoModel(
  kind: DemoModelKind,
  options: DemoModelOptions = {},
): Promise<ModelSpec> {
  // tfjs ops throw synchronously while no backend is initialised (the wasm
  // backend, once registered, outranks cpu but starts asynchronously).
  if ((tf.getBackend() as string | undefined) === undefined)
    await selectBackend({ backend: 'cpu' });
  const seed = options.seed ?? 1;
  const init = (offset: number): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed: seed * 100 + offset });
  const model = tf.sequential({ name: `mnist_${kind}` });
  if (kind === 'mlp') {
    model.add(
      tf.layers.dense({
        inputShape: [784],
        units: options.hiddenUnits ?? 128,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
    );
  } else {
    model.add(
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(
      tf.layers.conv2d({
        filters: 16,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(2),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
  }
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  try {
    const topology = model.toJSON(null, false) as unknown as ModelTopology;
    return { topology, weights: flattenWeights(model) };
  } finally {
    model.dispose();
  }
}
