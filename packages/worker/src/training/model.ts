/**
 * Models as they travel: a Keras-style topology (JSON) plus one flat
 * Float32 weight vector, laid out weight after weight in the order of
 * `model.weights` (the order `model.getWeights()` returns; trainable and
 * non-trainable alike). Both the coordinator's stored model versions and the
 * deltas workers send use this layout.
 *
 * The topology comes from the coordinator, so it is untrusted input: only
 * the architecture is read from it (never a weights manifest, which would
 * make tfjs fetch files), and the region's layer allow-list is checked on
 * the JSON before tfjs builds anything.
 *
 * @module
 */
import { FedraError, InvalidArgumentError, PolicyRefusedError } from '@fedra/common';
import * as tf from '@tensorflow/tfjs';

/** A Keras-style model topology: `model.toJSON(null, false)`, or a `model.json` artifact. */
export type ModelTopology = Readonly<Record<string, unknown>>;

/** One weight's place in the flat weight vector. */
export interface WeightSpec {
  /** The weight's name in the topology, e.g. `dense_1/kernel`. */
  readonly name: string;
  /** Its shape. */
  readonly shape: readonly number[];
  /** Its offset in the flat vector, in elements. */
  readonly offset: number;
  /** Its element count. */
  readonly size: number;
  /** Whether the optimizer updates it (batch-norm statistics, for one, are not). */
  readonly trainable: boolean;
}

/** A model's input and output, as the trainer needs them. */
export interface ModelSignature {
  /** The input shape without the batch dimension. */
  readonly inputShape: readonly number[];
  /** The number of classes (output units). */
  readonly numClasses: number;
  /** Whether the output is already a softmax (probabilities) rather than logits. */
  readonly outputsProbabilities: boolean;
}

/** Layer classes that only structure a model; they need no allow-list entry. */
const STRUCTURAL_CLASSES = new Set(['Sequential', 'Model', 'Functional', 'InputLayer']);
/** Config keys under which a layer nests other layers (wrappers, RNN cells). */
const NESTED_LAYER_KEYS = ['layers', 'layer', 'forward_layer', 'backward_layer', 'cell', 'cells'];

/**
 * Builds a tfjs model from a topology and, when given, sets its weights from
 * a flat vector (see {@link setFlatWeights}).
 *
 * @throws InvalidArgumentError (`topology`) when tfjs cannot build it, or
 *   (`weights`) when the vector does not fit.
 */
export async function buildModel(
  topology: ModelTopology,
  weights?: Float32Array,
): Promise<tf.LayersModel> {
  const architecture = architectureOf(topology);
  let model: tf.LayersModel;
  try {
    // Only the architecture is passed: a weightsManifest here would make
    // tfjs load weight files from paths the coordinator chose.
    const config = { modelTopology: architecture } as unknown as Parameters<
      typeof tf.models.modelFromJSON
    >[0];
    model = await tf.models.modelFromJSON(config);
  } catch (error) {
    throw new InvalidArgumentError(
      'topology',
      `the model topology cannot be built: ${firstLine(error)}`,
      {
        cause: error,
      },
    );
  }
  if (weights !== undefined) {
    try {
      setFlatWeights(model, weights);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }
  return model;
}

/** The weight layout of `model`: name, shape, offset and size of each weight, in order. */
export function weightSpecs(model: tf.LayersModel): WeightSpec[] {
  let offset = 0;
  return model.weights.map((w) => {
    const size = w.shape.reduce<number>((a, b) => a * (b ?? 0), 1);
    const spec = {
      name: w.originalName,
      shape: [...w.shape] as number[],
      offset,
      size,
      trainable: w.trainable,
    };
    offset += size;
    return spec;
  });
}

/** The number of values in the model's flat weight vector (all weights, trainable or not). */
export function countParameters(model: tf.LayersModel): number {
  return weightSpecs(model).reduce((n, spec) => n + spec.size, 0);
}

/** The model's current weights as one flat vector (a copy). */
export function flattenWeights(model: tf.LayersModel): Float32Array {
  const specs = weightSpecs(model);
  const flat = new Float32Array(specs.reduce((n, s) => n + s.size, 0));
  model.weights.forEach((w, i) => {
    // read() returns the variable itself; it must not be disposed.
    flat.set(w.read().dataSync(), (specs[i] as WeightSpec).offset);
  });
  return flat;
}

/** Views (no copies) of each weight's slice of `flat`, shaped by `specs`. */
export function unflattenWeights(
  flat: Float32Array,
  specs: readonly WeightSpec[],
): { spec: WeightSpec; values: Float32Array }[] {
  const total = specs.reduce((n, s) => n + s.size, 0);
  if (flat.length !== total) {
    throw new InvalidArgumentError(
      'weights',
      `the weight vector has ${flat.length} values but the model has ${total} parameters`,
      { metadata: { expected: String(total), actual: String(flat.length) } },
    );
  }
  return specs.map((spec) => ({
    spec,
    values: flat.subarray(spec.offset, spec.offset + spec.size),
  }));
}

/**
 * Sets every weight of `model` from a flat vector in {@link weightSpecs}
 * order.
 *
 * @throws InvalidArgumentError (`weights`) on a length mismatch;
 *   FedraError `NON_FINITE_INPUT` when the vector holds NaN or Infinity.
 */
export function setFlatWeights(model: tf.LayersModel, flat: Float32Array): void {
  const specs = weightSpecs(model);
  const parts = unflattenWeights(flat, specs);
  for (let i = 0; i < flat.length; i++) {
    if (!Number.isFinite(flat[i])) {
      throw new FedraError(
        'NON_FINITE_INPUT',
        `the weight vector holds NaN or Infinity at index ${i}`,
        {
          metadata: { field: 'weights' },
        },
      );
    }
  }
  for (const w of model.weights) {
    if (w.dtype !== 'float32') {
      throw new InvalidArgumentError(
        'topology',
        `weight ${w.originalName} has dtype ${w.dtype}; only float32 weights are supported`,
      );
    }
  }
  const tensors = parts.map(({ spec, values }) => tf.tensor(values, [...spec.shape], 'float32'));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Reads the model's single input and single classification output.
 *
 * @throws InvalidArgumentError (`topology`) for models with several inputs
 *   or outputs, an input shape with unknown dimensions, or an output that
 *   is not `[batch, classes]`.
 */
export function modelSignature(model: tf.LayersModel): ModelSignature {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new InvalidArgumentError(
      'topology',
      `the model must have one input and one output, it has ${model.inputs.length} and ${model.outputs.length}`,
    );
  }
  const input = (model.inputs[0] as tf.SymbolicTensor).shape.slice(1);
  const output = (model.outputs[0] as tf.SymbolicTensor).shape;
  if (!input.every((d): d is number => typeof d === 'number' && d > 0)) {
    throw new InvalidArgumentError(
      'topology',
      `the model input shape [${input.join(', ')}] has unknown dimensions`,
    );
  }
  const classes = output[1];
  if (output.length !== 2 || typeof classes !== 'number' || classes < 2) {
    throw new InvalidArgumentError(
      'topology',
      `the model output must be [batch, classes] with classes >= 2, got [${output.join(', ')}]`,
    );
  }
  const last = model.layers[model.layers.length - 1];
  const config = last?.getConfig() ?? {};
  const outputsProbabilities =
    last?.getClassName() === 'Softmax' || config['activation'] === 'softmax';
  return { inputShape: input, numClasses: classes, outputsProbabilities };
}

/**
 * The distinct layer classes a topology uses, read from the JSON without
 * building anything (structural classes such as `Sequential` and
 * `InputLayer` are left out).
 *
 * @throws InvalidArgumentError (`topology`) when no layer list is found.
 */
export function listLayerClasses(topology: ModelTopology): string[] {
  const found = new Set<string>();
  for (const layer of layersOf(architectureOf(topology))) found.add(layer.className);
  return [...found].sort();
}

/**
 * Checks every layer of a topology, nested ones included, against the
 * region's allow-list of layer class names (e.g. `['Dense', 'Conv2D',
 * 'MaxPooling2D', 'Flatten']`). Runs on the JSON, before tfjs builds
 * anything.
 *
 * @throws PolicyRefusedError (`POLICY_REFUSED`, rule `layers`) naming the
 *   first layer class outside the list; metadata carries `layerClass` and
 *   `layer` (the layer's name).
 * @throws InvalidArgumentError (`topology`) when the JSON is not a topology.
 */
export function checkLayers(topology: ModelTopology, allowList: readonly string[]): void {
  const allowed = new Set(allowList);
  for (const layer of layersOf(architectureOf(topology))) {
    if (!allowed.has(layer.className)) {
      const className = clip(layer.className);
      const name = clip(layer.name);
      throw new PolicyRefusedError(
        'layers',
        `layer class ${className} (layer ${name}) is not in the region's layer allow-list`,
        { metadata: { layerClass: className, layer: name } },
      );
    }
  }
}

interface LayerRef {
  readonly className: string;
  readonly name: string;
}

/** The architecture inside a topology: unwraps `model.json` artifacts and Keras `model_config`. */
function architectureOf(topology: ModelTopology): Record<string, unknown> {
  let node: unknown = topology;
  if (isObject(node) && isObject(node['modelTopology'])) node = node['modelTopology'];
  if (isObject(node) && isObject(node['model_config'])) node = node['model_config'];
  if (!isObject(node) || typeof node['class_name'] !== 'string' || !isObject(node['config'])) {
    throw new InvalidArgumentError(
      'topology',
      'the topology must be a Keras-style model JSON with class_name and config',
    );
  }
  return node;
}

/** Every layer (non-structural) in a model node, depth first. */
function layersOf(root: Record<string, unknown>): LayerRef[] {
  const out: LayerRef[] = [];
  const containerLayers = (node: Record<string, unknown>): unknown[] => {
    const config = node['config'];
    const list = isObject(config) ? config['layers'] : undefined;
    if (!Array.isArray(list)) {
      throw new InvalidArgumentError(
        'topology',
        `a ${clip(String(node['class_name']))} must list its layers`,
      );
    }
    return list;
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 32) throw new InvalidArgumentError('topology', 'layers are nested too deeply');
    if (!isObject(node) || typeof node['class_name'] !== 'string') {
      throw new InvalidArgumentError('topology', 'every layer must have a class_name');
    }
    const className = node['class_name'];
    const config = isObject(node['config']) ? node['config'] : {};
    if (STRUCTURAL_CLASSES.has(className)) {
      if (className !== 'InputLayer') {
        for (const child of containerLayers(node)) visit(child, depth + 1);
      }
      return;
    }
    const nodeName = node['name'];
    const name =
      typeof config['name'] === 'string'
        ? config['name']
        : typeof nodeName === 'string'
          ? nodeName
          : '';
    out.push({ className, name });
    for (const key of NESTED_LAYER_KEYS) {
      const nested = config[key];
      if (Array.isArray(nested)) {
        for (const child of nested) visit(child, depth + 1);
      } else if (isObject(nested) && typeof nested['class_name'] === 'string')
        visit(nested, depth + 1);
    }
  };
  for (const child of containerLayers(root)) visit(child, 1);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clip(message.split('\n', 1)[0] ?? '');
}
