/**
 * Validation of an experiment spec before anything is stored. Every
 * failure is an `INVALID_SPEC` (or `LANE_OVERFLOW`) error whose
 * `metadata.field` names the offending field by its proto path, e.g.
 * `spec.model.param_count` or `spec.lane_scales.update`.
 *
 * @module
 */
import type { DurationOutput, ExperimentSpecOutput } from '@fedra/proto';
import { FedraError } from '@fedra/common';
import { checkLaneOverflow, SHAMIR_MAX_SHARES, maxNeighbourDegree } from '@fedra/secagg';
import type { LaneSpec, SecAggStage } from '@fedra/secagg';
import { createStrategy } from '../strategies/create-strategy.js';
import type { StrategySpec } from '../strategies/create-strategy.js';
import { isValidIdentitySegment } from '../identity/fedra-identity.js';

/** Limits the coordinator puts on specs; see {@link DEFAULT_SPEC_LIMITS}. */
export interface SpecLimits {
  /** Most model parameters. */
  readonly maxParameters: number;
  /** Keras layer class names a model may use. */
  readonly allowedLayers: readonly string[];
  /** Most rounds per experiment. */
  readonly maxRounds: number;
  /** Most participants per round. */
  readonly maxParticipants: number;
  /** Longest stage deadline, ms. */
  readonly maxStageDeadlineMs: number;
  /** Largest topology JSON, bytes. */
  readonly maxTopologyBytes: number;
}

/** The limits a coordinator applies unless configured otherwise. */
export const DEFAULT_SPEC_LIMITS: SpecLimits = Object.freeze({
  maxParameters: 50_000_000,
  allowedLayers: Object.freeze([
    'InputLayer',
    'Dense',
    'Conv1D',
    'Conv2D',
    'DepthwiseConv2D',
    'SeparableConv2D',
    'MaxPooling1D',
    'MaxPooling2D',
    'AveragePooling1D',
    'AveragePooling2D',
    'GlobalAveragePooling1D',
    'GlobalAveragePooling2D',
    'GlobalMaxPooling1D',
    'GlobalMaxPooling2D',
    'Flatten',
    'Reshape',
    'Dropout',
    'Activation',
    'BatchNormalization',
    'LayerNormalization',
    'ReLU',
    'Softmax',
    'Embedding',
    'LSTM',
    'GRU',
    'Add',
    'Concatenate',
  ]),
  maxRounds: 100_000,
  maxParticipants: 10_000,
  maxStageDeadlineMs: 7 * 24 * 3600 * 1000,
  maxTopologyBytes: 1024 * 1024,
});

/** The lane names of the masked vector, in upload order. */
export const LANE_NAMES = Object.freeze(['update', 'weight', 'loss_sum', 'correct_count'] as const);

/** A spec that passed {@link validateSpec}, with what the engine derives from it. */
export interface ValidatedSpec {
  /** The spec as received. */
  readonly spec: ExperimentSpecOutput;
  /** Model parameters. */
  readonly paramCount: number;
  /** The server strategy. */
  readonly strategy: StrategySpec;
  /** The masked vector's lanes (update, weight, loss_sum, correct_count). */
  readonly lanes: readonly LaneSpec[];
  /** Each stage's deadline, ms. */
  readonly deadlinesMs: Readonly<Record<SecAggStage, number>>;
  /** Fixed k and t, or undefined to pick them per attempt from the cohort size. */
  readonly secagg: { readonly k: number; readonly t: number } | undefined;
  /** The dataset name workers must hold. */
  readonly datasetName: string;
}

function invalid(field: string, message: string): FedraError {
  return new FedraError('INVALID_SPEC', `spec.${field}: ${message}`, {
    metadata: { field: `spec.${field}` },
  });
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw invalid(field, 'must be a finite number > 0');
  return value;
}

function atLeast(value: number, min: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw invalid(field, `must be an integer >= ${min}`);
  return value;
}

function durationMs(value: DurationOutput | null, field: string, limits: SpecLimits): number {
  if (value === null) throw invalid(field, 'is required');
  const ms = value.seconds * 1000 + Math.floor(value.nanos / 1e6);
  if (!Number.isFinite(ms) || ms <= 0 || value.nanos < 0)
    throw invalid(field, 'must be a positive duration');
  if (ms > limits.maxStageDeadlineMs)
    throw invalid(field, `must be at most ${limits.maxStageDeadlineMs} ms`);
  return ms;
}

/** Layer class names in a Keras topology, wherever layers are nested. */
function layerClasses(topology: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64 || typeof topology !== 'object' || topology === null) return;
  if (Array.isArray(topology)) {
    for (const item of topology) layerClasses(item, out, depth + 1);
    return;
  }
  const node = topology as Record<string, unknown>;
  const config = node['config'];
  if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
    const layers = (config as Record<string, unknown>)['layers'];
    if (Array.isArray(layers)) {
      for (const layer of layers) {
        if (typeof layer === 'object' && layer !== null) {
          const name = (layer as Record<string, unknown>)['class_name'];
          if (typeof name === 'string') out.add(name);
          layerClasses(layer, out, depth + 1);
        }
      }
    }
  }
  const inner = node['modelTopology'] ?? node['model_config'];
  if (inner !== undefined) layerClasses(inner, out, depth + 1);
}

function strategySpec(spec: ExperimentSpecOutput): StrategySpec {
  const config = spec.strategy;
  // proto3 cannot tell 0 from unset; 0 means "the strategy's default".
  const opt = (value: number): number | undefined => (value === 0 ? undefined : value);
  if (config === null || config.strategy === undefined)
    throw invalid('strategy', 'choose one strategy');
  switch (config.strategy) {
    case 'fedAvg':
      return { kind: 'fedavg' };
    case 'fedAvgM': {
      const m = config.fedAvgM;
      return {
        kind: 'fedavgm',
        serverLearningRate: opt(m?.serverLearningRate ?? 0),
        momentum: opt(m?.momentum ?? 0),
      };
    }
    case 'fedAdam':
    case 'fedYogi':
    case 'fedAdagrad': {
      const a = config[config.strategy];
      const kind =
        config.strategy === 'fedAdam'
          ? 'fedadam'
          : config.strategy === 'fedYogi'
            ? 'fedyogi'
            : 'fedadagrad';
      return {
        kind,
        serverLearningRate: opt(a?.serverLearningRate ?? 0),
        beta1: opt(a?.beta1 ?? 0),
        ...(kind === 'fedadagrad' ? {} : { beta2: opt(a?.beta2 ?? 0) }),
        tau: opt(a?.tau ?? 0),
      };
    }
  }
}

/** The lanes of the masked vector for a spec; see ARCHITECTURE.md's fixed-point section. */
export function lanesForSpec(spec: ExperimentSpecOutput, paramCount: number): LaneSpec[] {
  const scales = spec.laneScales;
  const maxWeight = spec.maxExampleWeight;
  // The capped weight w multiplies the clipped delta (each element within
  // the L2 bound) and fills the weight lane; the loss lane sums at most
  // w per-example losses of at most loss_clip; correct counts at most w.
  return [
    {
      name: 'update',
      length: paramCount,
      bound: spec.clippingBound * maxWeight,
      scale: scales?.update ?? 0,
    },
    { name: 'weight', length: 1, bound: maxWeight, scale: scales?.weight ?? 0 },
    { name: 'loss_sum', length: 1, bound: spec.lossClip * maxWeight, scale: scales?.lossSum ?? 0 },
    { name: 'correct_count', length: 1, bound: maxWeight, scale: scales?.correctCount ?? 0 },
  ];
}

/**
 * Checks an experiment spec completely (nothing is stored before this
 * passes) and derives the engine's parameters from it.
 *
 * @throws FedraError `INVALID_SPEC` naming the field; `LANE_OVERFLOW`
 *   (metadata `field` = `spec.lane_scales.<lane>`) when targetParticipants x
 *   bound x scale reaches 2^31 in a lane.
 */
export function validateSpec(
  spec: ExperimentSpecOutput,
  limits: SpecLimits = DEFAULT_SPEC_LIMITS,
): ValidatedSpec {
  // Model.
  const model = spec.model;
  if (model === null) throw invalid('model', 'is required');
  if (Buffer.byteLength(model.topologyJson, 'utf8') > limits.maxTopologyBytes) {
    throw invalid('model.topology_json', `must be at most ${limits.maxTopologyBytes} bytes`);
  }
  let topology: unknown;
  try {
    topology = JSON.parse(model.topologyJson);
  } catch {
    throw invalid('model.topology_json', 'is not valid JSON');
  }
  const classes = new Set<string>();
  layerClasses(topology, classes);
  if (classes.size === 0)
    throw invalid('model.topology_json', 'declares no layers (expected a Keras model topology)');
  const allowed = new Set(limits.allowedLayers);
  for (const name of [...classes].sort()) {
    if (!allowed.has(name))
      throw invalid('model.topology_json', `layer type ${name} is not allowed`);
  }
  if (model.weights.length === 0) throw invalid('model.weights', 'must list the weight tensors');
  let params = 0;
  const names = new Set<string>();
  for (const [i, weight] of model.weights.entries()) {
    if (weight.name === '' || names.has(weight.name)) {
      throw invalid(`model.weights[${i}].name`, 'must be non-empty and unique');
    }
    names.add(weight.name);
    if (weight.shape.length === 0 || weight.shape.some((d) => d < 1)) {
      throw invalid(`model.weights[${i}].shape`, 'dimensions must be >= 1');
    }
    params += weight.shape.reduce((a, b) => a * b, 1);
    if (params > limits.maxParameters) {
      throw invalid(
        'model.param_count',
        `the model has more than ${limits.maxParameters} parameters`,
      );
    }
  }
  if (model.paramCount !== params) {
    throw invalid(
      'model.param_count',
      `is ${model.paramCount} but the weight shapes hold ${params}`,
    );
  }

  // Training and data.
  const training = spec.training;
  if (training === null) throw invalid('training', 'is required');
  if (training.optimizer === 'LOCAL_OPTIMIZER_UNSPECIFIED')
    throw invalid('training.optimizer', 'must be set');
  positive(training.learningRate, 'training.learning_rate');
  atLeast(training.batchSize, 1, 'training.batch_size');
  atLeast(training.localEpochs, 1, 'training.local_epochs');
  if (!Number.isFinite(training.fedproxMu) || training.fedproxMu < 0) {
    throw invalid('training.fedprox_mu', 'must be a finite number >= 0');
  }
  const dataset = spec.dataset;
  if (dataset === null || dataset.name === '') throw invalid('dataset.name', 'is required');
  if (dataset.inputShape.length === 0 || dataset.inputShape.some((d) => d < 1)) {
    throw invalid('dataset.input_shape', 'dimensions must be >= 1');
  }
  atLeast(dataset.numClasses, 1, 'dataset.num_classes');

  // Rounds and cohorts.
  atLeast(spec.rounds, 1, 'rounds');
  if (spec.rounds > limits.maxRounds)
    throw invalid('rounds', `must be at most ${limits.maxRounds}`);
  atLeast(spec.minParticipants, 3, 'min_participants');
  atLeast(spec.targetParticipants, spec.minParticipants, 'target_participants');
  if (spec.targetParticipants > limits.maxParticipants) {
    throw invalid('target_participants', `must be at most ${limits.maxParticipants}`);
  }
  const regions = new Set<string>();
  let requiredByQuotas = 0;
  for (const [i, quota] of spec.regionQuotas.entries()) {
    if (!isValidIdentitySegment(quota.region) || regions.has(quota.region)) {
      throw invalid(`region_quotas[${i}].region`, 'must be a valid, unique region name');
    }
    regions.add(quota.region);
    if (quota.maxParticipants !== 0 && quota.maxParticipants < quota.minParticipants) {
      throw invalid(
        `region_quotas[${i}].max_participants`,
        'must be 0 (no limit) or >= min_participants',
      );
    }
    requiredByQuotas += quota.minParticipants;
  }
  if (requiredByQuotas > spec.targetParticipants) {
    throw invalid('region_quotas', "the regions' minimums add up to more than target_participants");
  }

  // Strategy.
  const strategy = strategySpec(spec);
  try {
    createStrategy(strategy);
  } catch (error) {
    if (error instanceof FedraError) {
      const field = error.metadata['field'] ?? 'strategy';
      throw new FedraError('INVALID_SPEC', `spec.${field}: ${error.message}`, {
        metadata: { field: `spec.${field}` },
        cause: error,
      });
    }
    throw error;
  }

  // Lanes and the overflow check.
  positive(spec.clippingBound, 'clipping_bound');
  atLeast(spec.maxExampleWeight, 1, 'max_example_weight');
  positive(spec.lossClip, 'loss_clip');
  if (spec.laneScales === null) throw invalid('lane_scales', 'is required');
  positive(spec.laneScales.update, 'lane_scales.update');
  positive(spec.laneScales.weight, 'lane_scales.weight');
  positive(spec.laneScales.lossSum, 'lane_scales.loss_sum');
  positive(spec.laneScales.correctCount, 'lane_scales.correct_count');
  const lanes = lanesForSpec(spec, params);
  try {
    checkLaneOverflow(lanes, spec.targetParticipants);
  } catch (error) {
    if (error instanceof FedraError) {
      const lane = error.metadata['lane'] ?? 'update';
      throw new FedraError(
        error.code === 'LANE_OVERFLOW' ? 'LANE_OVERFLOW' : 'INVALID_SPEC',
        `spec.lane_scales.${lane}: ${error.message}`,
        {
          metadata: { field: `spec.lane_scales.${lane}`, lane },
          cause: error,
        },
      );
    }
    throw error;
  }

  // Secure aggregation.
  let secagg: ValidatedSpec['secagg'];
  const { k, t } = spec.secagg ?? { k: 0, t: 0 };
  if (k !== 0 || t !== 0) {
    const n = spec.minParticipants;
    if (k < 2 || k > n - 1)
      throw invalid('secagg.k', `must be in [2, min_participants - 1 = ${n - 1}]`);
    // Some cohort size in [min, target] makes n·k odd when k is odd, and
    // then one participant has k + 1 neighbours.
    const worstDegree =
      k % 2 === 1 && (n % 2 === 1 || spec.targetParticipants > n)
        ? k + 1
        : maxNeighbourDegree(n, k);
    if (worstDegree > SHAMIR_MAX_SHARES) {
      throw invalid('secagg.k', `a neighbourhood may hold at most ${SHAMIR_MAX_SHARES} shares`);
    }
    if (t < 2 || t > k) throw invalid('secagg.t', `must be in [2, k = ${k}]`);
    if (2 * t <= worstDegree) {
      throw invalid('secagg.t', `must exceed half the largest neighbourhood (${worstDegree}/2)`);
    }
    secagg = { k, t };
  }

  // Deadlines.
  const d = spec.deadlines;
  if (d === null) throw invalid('deadlines', 'is required');
  const deadlinesMs = {
    setup: durationMs(d.setup, 'deadlines.setup', limits),
    'share-keys': durationMs(d.shareKeys, 'deadlines.share_keys', limits),
    'collect-masked': durationMs(d.collectMasked, 'deadlines.collect_masked', limits),
    'consistency-check': durationMs(d.consistencyCheck, 'deadlines.consistency_check', limits),
    unmask: durationMs(d.unmask, 'deadlines.unmask', limits),
  };

  return Object.freeze({
    spec,
    paramCount: params,
    strategy,
    lanes: Object.freeze(lanes),
    deadlinesMs: Object.freeze(deadlinesMs),
    secagg,
    datasetName: dataset.name,
  });
}
