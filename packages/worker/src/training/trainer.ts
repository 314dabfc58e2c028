/**
 * Local training for one round: build the global model, train it on the
 * region's data (optionally with the FedProx proximal term), and return the
 * clipped delta with the numbers secure aggregation's lanes carry.
 *
 * Runs on whatever tfjs backend is active in the calling thread; a worker
 * calls it inside its training thread (see `TrainingHost`). Every tensor it
 * creates is disposed before it returns.
 *
 * @module
 */
import { FedraError, InvalidArgumentError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';
import type { Dataset, DatasetSplit } from '../data/dataset.js';
import { exampleSize, validateDataset } from '../data/dataset.js';
import { createRng, permutation } from '../data/seeded-random.js';
import { clipDelta } from './clip-delta.js';
import type { ModelSignature, ModelTopology, WeightSpec } from './model.js';
import { buildModel, flattenWeights, modelSignature, weightSpecs } from './model.js';

/** The local optimizers a train config may name. */
export type OptimizerName = 'sgd' | 'adam' | 'momentum';

/** The experiment's local training settings. */
export interface TrainConfig {
  /** The local optimizer. */
  readonly optimizer: OptimizerName;
  /** Its learning rate, > 0. */
  readonly learningRate: number;
  /** Examples per step, >= 1. */
  readonly batchSize: number;
  /** Passes over the local training split, >= 1. */
  readonly localEpochs: number;
  /**
   * FedProx mu: adds (mu/2)·||w − w_global||² to the loss; 0 is plain local
   * training (FedAvg).
   * @default 0
   */
  readonly fedproxMu?: number;
  /**
   * Momentum of the `momentum` optimizer.
   * @default 0.9
   */
  readonly momentum?: number;
}

/** One round's training job. */
export interface TrainRequest {
  /** The experiment's model topology. */
  readonly topology: ModelTopology;
  /** The global model's flat weights (see `model.ts` for the layout). */
  readonly weights: Float32Array;
  /** Local training settings. */
  readonly config: TrainConfig;
  /** Clipping bound C: the delta's L2 norm is capped at C. */
  readonly clipNorm: number;
  /** Cap on the example count used as this update's weight. */
  readonly maxExampleWeight: number;
  /** Per-example loss is clipped at this value in `lossSum` and validation loss. */
  readonly lossClip: number;
  /**
   * Seed of the example shuffle, for reproducible runs; omitted, each round
   * shuffles differently.
   */
  readonly seed?: number;
  /** Stop after this many steps (tests, benchmarks, time-boxed rounds). */
  readonly maxSteps?: number;
}

/** Loss and accuracy over a set of examples. */
export interface EvaluationMetrics {
  /** Mean per-example cross-entropy (each clipped at the loss clip), NaN when `examples` is 0. */
  readonly loss: number;
  /** Share of examples whose arg-max output is the label, NaN when `examples` is 0. */
  readonly accuracy: number;
  /** Examples evaluated. */
  readonly examples: number;
}

/** What one round of local training produced. */
export interface TrainResult {
  /** Local weights minus global weights, clipped to L2 norm `clipNorm`. Unweighted. */
  readonly delta: Float32Array;
  /** `min(examples, maxExampleWeight)`: what the delta is weighted by in the aggregate. */
  readonly weight: number;
  /** Sum over the last epoch's examples of the clipped per-example training loss. */
  readonly lossSum: number;
  /** Last-epoch examples the model classified correctly (before each step's update). */
  readonly correct: number;
  /** Examples in the last epoch (the training split, unless `maxSteps` cut it short). */
  readonly examples: number;
  /** The trained model on the local validation split. */
  readonly validation: EvaluationMetrics;
  /** Optimizer steps taken. */
  readonly steps: number;
  /** Wall-clock seconds of the training loop (model building and validation excluded). */
  readonly seconds: number;
  /** The delta's L2 norm before clipping. */
  readonly deltaNorm: number;
  /** Whether clipping scaled the delta down. */
  readonly clipped: boolean;
}

/** One evaluation job. */
export interface EvaluateRequest {
  /** The model topology. */
  readonly topology: ModelTopology;
  /** Its flat weights. */
  readonly weights: Float32Array;
  /** Examples whose feature layout matches the model input. */
  readonly data: DatasetSplit;
  /** @default 256 */
  readonly batchSize?: number;
  /** Clip each example's loss at this value. @default Infinity */
  readonly lossClip?: number;
}

/** Probabilities are clipped here before the log, as Keras does. */
const EPSILON = 1e-7;

/**
 * Trains the global model on `dataset` for one round.
 *
 * @throws InvalidArgumentError naming the request field (`config.learningRate`,
 *   `clipNorm`, …) or the dataset field (`inputShape`, `numClasses`) that is
 *   wrong; FedraError `NON_FINITE_INPUT` when training diverges.
 */
export async function trainLocal(request: TrainRequest, dataset: Dataset): Promise<TrainResult> {
  checkTrainRequest(request);
  const model = await buildModel(request.topology, request.weights);
  const config = request.config;
  const mu = config.fedproxMu ?? 0;
  const optimizer = createOptimizer(config);
  const globals: tf.Tensor[] = [];
  try {
    const signature = modelSignature(model);
    validateDataset(dataset, signature, { checkValues: false });
    const specs = weightSpecs(model);
    const trainable = model.weights
      .map((w, i) => ({ variable: asVariable(w.read()), spec: specs[i] as WeightSpec }))
      .filter(({ spec }) => spec.trainable);
    if (mu > 0) {
      for (const { spec } of trainable) {
        globals.push(
          tf.tensor(request.weights.subarray(spec.offset, spec.offset + spec.size), [
            ...spec.shape,
          ]),
        );
      }
    }
    const variables = trainable.map(({ variable }) => variable);
    const prox = (): tf.Scalar =>
      tf.mul(
        mu / 2,
        tf.addN(variables.map((v, i) => tf.sum(tf.squaredDifference(v, globals[i] as tf.Tensor)))),
      );

    const train = dataset.train;
    const count = train.ys.length;
    const size = exampleSize(signature.inputShape);
    const batchSize = Math.min(config.batchSize, count);
    const rng = createRng(request.seed ?? Math.floor(Math.random() * 2 ** 32));
    const maxSteps = request.maxSteps ?? Number.POSITIVE_INFINITY;
    let steps = 0;
    let lossSum = 0;
    let correct = 0;
    let examples = 0;
    const started = performance.now();
    for (let epoch = 0; epoch < config.localEpochs && steps < maxSteps; epoch++) {
      lossSum = 0;
      correct = 0;
      examples = 0;
      const order = permutation(count, rng);
      for (let start = 0; start < count && steps < maxSteps; start += batchSize) {
        const indices = order.subarray(start, Math.min(start + batchSize, count));
        const stats = tf.tidy(() => {
          const { xs, labels } = batchTensors(train, indices, size, signature);
          let kept: tf.Tensor | undefined;
          optimizer.minimize(
            () => {
              const output = model.apply(xs, { training: true }) as tf.Tensor2D;
              const perExample = perExampleLoss(output, labels, signature);
              kept = tf.keep(batchStats(output, labels, perExample, request.lossClip));
              const loss = tf.mean<tf.Scalar>(perExample);
              return mu > 0 ? tf.add(loss, prox()) : loss;
            },
            false,
            variables,
          );
          return kept as tf.Tensor;
        });
        const [batchLoss, batchCorrect] = stats.dataSync();
        stats.dispose();
        lossSum += batchLoss as number;
        correct += batchCorrect as number;
        examples += indices.length;
        steps++;
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const local = flattenWeights(model);
    const delta = new Float32Array(local.length);
    for (let i = 0; i < local.length; i++) {
      delta[i] = (local[i] as number) - (request.weights[i] as number);
    }
    const { norm, clipped } = clipDelta(delta, request.clipNorm);
    if (!Number.isFinite(lossSum)) {
      throw new FedraError('NON_FINITE_INPUT', 'the training loss became NaN (training diverged)', {
        metadata: { field: 'lossSum' },
      });
    }
    const validation = evaluateModel(model, signature, dataset.validation, {
      batchSize: Math.max(256, config.batchSize),
      lossClip: request.lossClip,
    });
    return {
      delta,
      weight: Math.min(examples, request.maxExampleWeight),
      lossSum,
      correct,
      examples,
      validation,
      steps,
      seconds,
      deltaNorm: norm,
      clipped,
    };
  } finally {
    tf.dispose(globals);
    disposeOptimizer(optimizer);
    model.dispose();
  }
}

/**
 * Evaluates a model (topology + flat weights) on labelled examples.
 *
 * @throws InvalidArgumentError when the examples do not fit the model.
 */
export async function evaluateLocal(request: EvaluateRequest): Promise<EvaluationMetrics> {
  const model = await buildModel(request.topology, request.weights);
  try {
    const signature = modelSignature(model);
    const size = exampleSize(signature.inputShape);
    if (request.data.xs.length !== request.data.ys.length * size) {
      throw new InvalidArgumentError(
        'data.xs',
        `${request.data.ys.length} labels need ${request.data.ys.length * size} feature values for input shape [${signature.inputShape.join(', ')}], got ${request.data.xs.length}`,
      );
    }
    return evaluateModel(model, signature, request.data, {
      batchSize: request.batchSize ?? 256,
      lossClip: request.lossClip ?? Number.POSITIVE_INFINITY,
    });
  } finally {
    model.dispose();
  }
}

function evaluateModel(
  model: tf.LayersModel,
  signature: ModelSignature,
  data: DatasetSplit,
  options: { batchSize: number; lossClip: number },
): EvaluationMetrics {
  const count = data.ys.length;
  if (count === 0) return { loss: Number.NaN, accuracy: Number.NaN, examples: 0 };
  const size = exampleSize(signature.inputShape);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < count; start += options.batchSize) {
    const end = Math.min(start + options.batchSize, count);
    const stats = tf.tidy(() => {
      const indices = range(start, end);
      const { xs, labels } = batchTensors(data, indices, size, signature);
      const output = model.apply(xs, { training: false }) as tf.Tensor2D;
      return batchStats(
        output,
        labels,
        perExampleLoss(output, labels, signature),
        options.lossClip,
      );
    });
    const [batchLoss, batchCorrect] = stats.dataSync();
    stats.dispose();
    lossSum += batchLoss as number;
    correct += batchCorrect as number;
  }
  return { loss: lossSum / count, accuracy: correct / count, examples: count };
}

function range(start: number, end: number): Uint32Array {
  const out = new Uint32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

/** Copies the examples at `indices` into an input batch and a label vector. */
function batchTensors(
  split: DatasetSplit,
  indices: Uint32Array,
  size: number,
  signature: ModelSignature,
): { xs: tf.Tensor; labels: tf.Tensor1D } {
  const n = indices.length;
  const xs = new Float32Array(n * size);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = indices[i] as number;
    xs.set(split.xs.subarray(from * size, (from + 1) * size), i * size);
    ys[i] = split.ys[from] as number;
  }
  return {
    xs: tf.tensor(xs, [n, ...signature.inputShape]),
    labels: tf.tensor1d(ys, 'int32'),
  };
}

/** Cross-entropy per example, from probabilities or logits as the model outputs. */
function perExampleLoss(
  output: tf.Tensor2D,
  labels: tf.Tensor1D,
  signature: ModelSignature,
): tf.Tensor1D {
  const oneHot = tf.oneHot(labels, signature.numClasses);
  if (signature.outputsProbabilities) {
    const picked = tf.sum<tf.Tensor1D>(tf.mul(output, oneHot), 1);
    return tf.neg(tf.log(tf.clipByValue(picked, EPSILON, 1)));
  }
  return tf.neg(tf.sum<tf.Tensor1D>(tf.mul(tf.logSoftmax(output), oneHot), 1));
}

/** [sum of per-example losses clipped at lossClip, correct predictions]. */
function batchStats(
  output: tf.Tensor2D,
  labels: tf.Tensor1D,
  perExample: tf.Tensor1D,
  lossClip: number,
): tf.Tensor1D {
  const clippedLoss = tf.sum(tf.minimum(perExample, lossClip));
  const hits = tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), labels), 'float32'));
  return tf.stack([clippedLoss, hits]) as tf.Tensor1D;
}

function createOptimizer(config: TrainConfig): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'momentum':
      return tf.train.momentum(config.learningRate, config.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(config.learningRate);
  }
}

/** A layer weight's backing variable (LayerVariable.read() returns it, typed as a Tensor). */
function asVariable(tensor: tf.Tensor): tf.Variable {
  if (!isVariable(tensor)) {
    throw new FedraError('INTERNAL', 'a model weight is not backed by a tf.Variable');
  }
  return tensor;
}

function isVariable(tensor: tf.Tensor): tensor is tf.Variable {
  return tensor instanceof tf.Variable;
}

function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  // tfjs 4.22's MomentumOptimizer.dispose() skips SGDOptimizer's learning-rate
  // scalar, leaking one tensor per round.
  const { c } = optimizer as unknown as { c?: tf.Tensor };
  if (optimizer instanceof tf.MomentumOptimizer && c !== undefined && !c.isDisposed) c.dispose();
}

/** Checks every number of a train request, naming the field that is wrong. */
export function checkTrainRequest(request: TrainRequest): void {
  const { config } = request;
  const fail = (field: string, message: string): never => {
    throw new InvalidArgumentError(field, `${field} ${message}`);
  };
  if (!['sgd', 'adam', 'momentum'].includes(config.optimizer)) {
    fail('config.optimizer', `must be sgd, adam or momentum, got ${config.optimizer}`);
  }
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate))) {
    fail('config.learningRate', `must be positive and finite, got ${config.learningRate}`);
  }
  if (!(Number.isInteger(config.batchSize) && config.batchSize >= 1)) {
    fail('config.batchSize', `must be an integer >= 1, got ${config.batchSize}`);
  }
  if (!(Number.isInteger(config.localEpochs) && config.localEpochs >= 1)) {
    fail('config.localEpochs', `must be an integer >= 1, got ${config.localEpochs}`);
  }
  const mu = config.fedproxMu ?? 0;
  if (!(mu >= 0 && Number.isFinite(mu))) {
    fail('config.fedproxMu', `must be >= 0 and finite, got ${mu}`);
  }
  const momentum = config.momentum ?? 0.9;
  if (!(momentum >= 0 && momentum < 1)) {
    fail('config.momentum', `must be in [0, 1), got ${momentum}`);
  }
  if (!(request.clipNorm > 0 && Number.isFinite(request.clipNorm))) {
    fail('clipNorm', `must be positive and finite, got ${request.clipNorm}`);
  }
  if (!(request.maxExampleWeight >= 1)) {
    fail('maxExampleWeight', `must be >= 1, got ${request.maxExampleWeight}`);
  }
  if (!(request.lossClip > 0)) {
    fail('lossClip', `must be positive, got ${request.lossClip}`);
  }
  if (
    request.maxSteps !== undefined &&
    !(Number.isInteger(request.maxSteps) && request.maxSteps >= 1)
  ) {
    fail('maxSteps', `must be an integer >= 1, got ${request.maxSteps}`);
  }
}
