/**
 * The region's policy file: what the region lets train on its data. The
 * region operator writes it (YAML, or JSON, which YAML reads too); the worker
 * parses it once at start into a frozen {@link RegionPolicy} and checks every
 * round invitation against it (see `evaluateRound`). The coordinator never
 * sees the file; it only sees refusals.
 *
 * Unknown keys, bad values and keys that contradict each other are
 * {@link ConfigError}s whose `key` is the dotted path in the file
 * (`rounds.minK`, `trust.regionCas.eu-west`).
 *
 * @example
 * ```yaml
 * version: 1
 * rounds: { minCohort: 6, minK: 4, minT: 3, minSurvivors: 4 }
 * model: { maxParameters: 2000000, maxClipNorm: 10 }
 * owners: ['spiffe://acme-health/scientist/*']
 * datasets:
 *   mnist: { format: mnist, shard: 0, shards: 6 }
 * trust:
 *   federation: acme-health
 *   regionCas: { eu-west: trust/eu-west-ca.pem, us-east: trust/us-east-ca.pem }
 * ```
 *
 * @module
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@fedra/common';
import { parseDocument } from 'yaml';
import { parseDatasetConfig } from '../data/dataset-config.js';
import type { DatasetConfig } from '../data/dataset-config.js';
import { checkOwnerPattern } from './owner-pattern.js';

/** The policy file format this build reads (the file's `version` key). */
export const REGION_POLICY_VERSION = 1;

/**
 * The layer classes a region allows when its policy lists none: dense,
 * convolutional, pooling, reshaping, normalisation, dropout and activation
 * layers. Left out on purpose: embeddings, attention and recurrent layers,
 * whose weights can memorise individual rows more easily, and any custom
 * layer. A region that needs them lists them in `model.allowedLayers`.
 */
export const DEFAULT_ALLOWED_LAYERS: readonly string[] = Object.freeze([
  'Activation',
  'AveragePooling1D',
  'AveragePooling2D',
  'BatchNormalization',
  'Conv1D',
  'Conv2D',
  'Dense',
  'Dropout',
  'Flatten',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'LayerNormalization',
  'MaxPooling1D',
  'MaxPooling2D',
  'ReLU',
  'Reshape',
  'Softmax',
]);

/** Limits on the secure-aggregation cohort of a round (`rounds:` in the file). */
export interface RoundLimits {
  /** Fewest distinct participants a round may have (>= 3, the secure-aggregation minimum). */
  readonly minCohort: number;
  /** Fewest neighbours per participant (k) in the SecAgg+ graph; at most `minCohort - 1`. */
  readonly minK: number;
  /** Lowest Shamir threshold (t); 2 <= `minT` <= `minK`. */
  readonly minT: number;
  /**
   * Fewest survivors whose updates the region's update may be summed with
   * (itself included). A round can complete with as few as t + 1 survivors
   * (this worker and t of its mask partners), so rounds need
   * t >= `minSurvivors - 1`. At most `minCohort`.
   * @default minT + 1
   */
  readonly minSurvivors: number;
}

/** Limits on the model (`model:` in the file). */
export interface ModelLimits {
  /** Most parameters (float32 values in the flat weight vector) a model may have. */
  readonly maxParameters: number;
  /**
   * Largest L2 clipping bound the spec may set for the update. Every spec
   * must clip; one with a larger (weaker) bound is refused.
   */
  readonly maxClipNorm: number;
  /**
   * Layer class names (tfjs `class_name`) a model may use.
   * @default DEFAULT_ALLOWED_LAYERS
   */
  readonly allowedLayers: readonly string[];
}

/** Limits on local training (`training:` in the file). */
export interface TrainingLimits {
  /** Most local epochs per round, or `undefined` for no limit. */
  readonly maxLocalEpochs: number | undefined;
}

/** The federation trust bundle the worker pins (`trust:` in the file). */
export interface TrustConfig {
  /** The federation name: the SPIFFE trust domain in every identity (`spiffe://<federation>/…`). */
  readonly federation: string;
  /** Region name to the absolute path of that region's CA certificate (PEM). */
  readonly regionCas: Readonly<Record<string, string>>;
}

/** A validated, deep-frozen region policy. Field names follow the file. */
export interface RegionPolicy {
  /** The file format version ({@link REGION_POLICY_VERSION}). */
  readonly version: number;
  /** Cohort, neighbour, threshold and survivor minimums. */
  readonly rounds: RoundLimits;
  /** Parameter cap, clipping bound and layer allow-list. */
  readonly model: ModelLimits;
  /** Local training limits. */
  readonly training: TrainingLimits;
  /**
   * Experiment owners allowed to train here: SPIFFE IDs in the policy's
   * federation, exact or with `*` standing for one whole path segment
   * (`spiffe://acme/scientist/*`).
   */
  readonly owners: readonly string[];
  /** Datasets the region exposes, by the name experiments use. */
  readonly datasets: Readonly<Record<string, DatasetConfig>>;
  /**
   * Whether this region's own metrics (validation loss and accuracy) may be
   * reported to the coordinator. Aggregated lanes are always sent.
   * @default false
   */
  readonly shareRegionMetrics: boolean;
  /** The pinned federation trust bundle (paths; see `loadTrustBundle`). */
  readonly trust: TrustConfig;
}

/** Options for {@link parseRegionPolicy}. */
export interface ParseRegionPolicyOptions {
  /**
   * Where the text came from: named in errors, and relative CA paths are
   * resolved against its directory.
   */
  readonly sourcePath?: string;
  /**
   * Relative dataset paths are resolved against this directory (the
   * worker's data directory).
   * @default the directory of `sourcePath`, else the current directory
   */
  readonly dataDir?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const LAYER_CLASS = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
const FEDERATION = /^[a-z0-9]([a-z0-9.-]{0,253}[a-z0-9])?$/;
const STRUCTURAL_LAYERS = new Set(['Sequential', 'Model', 'Functional', 'InputLayer']);

const SECTIONS: Readonly<Record<string, readonly string[] | null>> = {
  version: null,
  rounds: ['minCohort', 'minK', 'minT', 'minSurvivors'],
  model: ['maxParameters', 'maxClipNorm', 'allowedLayers'],
  training: ['maxLocalEpochs'],
  owners: null,
  datasets: null,
  metrics: ['shareRegionMetrics'],
  trust: ['federation', 'regionCas'],
};

/**
 * Parses and validates a policy file's text (YAML or JSON). Pure: reads no
 * files, so CA paths are checked only for form here; `loadRegionPolicy`
 * also opens them.
 *
 * @throws ConfigError naming the key (dotted path) for YAML syntax errors,
 *   unknown or missing keys, bad values, and contradictions.
 */
export function parseRegionPolicy(
  text: string,
  options: ParseRegionPolicyOptions = {},
): RegionPolicy {
  const source = options.sourcePath ?? 'policy';
  const baseDir = options.sourcePath !== undefined ? dirname(resolve(options.sourcePath)) : '.';
  const fail = (key: string, message: string): never => {
    throw new ConfigError(key, `${source}: ${key === '' ? '' : `${key}: `}${message}`);
  };

  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0].line;
    fail('', `is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${syntax.code}`);
  }
  // Maps, not objects: yaml would otherwise assign a `__proto__` key with
  // `obj[key] = value` and so set the prototype instead of adding a key.
  const root = plain(document.toJS({ mapAsMap: true, maxAliasCount: 50 }));
  const top = section(root, '', fail);
  for (const key of Object.keys(top)) {
    if (!Object.hasOwn(SECTIONS, key))
      fail(key, `unknown key; expected one of ${Object.keys(SECTIONS).join(', ')}`);
  }
  const read = new Reader(fail);

  const version = read.integer(top, 'version', { min: 1, required: true });
  if (version !== REGION_POLICY_VERSION) {
    fail(
      'version',
      `must be ${REGION_POLICY_VERSION}, the format this worker reads; got ${version}`,
    );
  }

  const roundsRaw = read.section(top, 'rounds', true);
  const minCohort = read.integer(roundsRaw, 'rounds.minCohort', { min: 3, required: true });
  const minK = read.integer(roundsRaw, 'rounds.minK', { min: 1, required: true });
  const minT = read.integer(roundsRaw, 'rounds.minT', { min: 2, required: true });
  const minSurvivors = read.integer(roundsRaw, 'rounds.minSurvivors', { min: 2 }) ?? minT + 1;
  // Every round has t <= k <= n - 1 and keeps at most n survivors: a
  // minimum that forces another minimum higher than written would make the
  // file say one thing and the worker do another.
  if (minT > minK) {
    fail('rounds.minT', `(${minT}) exceeds rounds.minK (${minK}); a round always has t <= k`);
  }
  if (minK > minCohort - 1) {
    fail(
      'rounds.minK',
      `(${minK}) needs a cohort of at least ${minK + 1} (k <= participants - 1), but rounds.minCohort is ${minCohort}`,
    );
  }
  if (minSurvivors > minCohort) {
    fail(
      'rounds.minSurvivors',
      `(${minSurvivors}) exceeds rounds.minCohort (${minCohort}); a round cannot keep more survivors than participants`,
    );
  }

  const modelRaw = read.section(top, 'model', true);
  const maxParameters = read.integer(modelRaw, 'model.maxParameters', { min: 1, required: true });
  const maxClipNorm = read.positiveNumber(modelRaw, 'model.maxClipNorm');
  const allowedLayers = read.layerList(modelRaw, 'model.allowedLayers') ?? DEFAULT_ALLOWED_LAYERS;

  const trainingRaw = read.section(top, 'training', false);
  const maxLocalEpochs = read.integer(trainingRaw, 'training.maxLocalEpochs', { min: 1 });

  const trustRaw = read.section(top, 'trust', true);
  const federation = read.string(trustRaw, 'trust.federation', FEDERATION);
  const casRaw = read.section(trustRaw, 'trust.regionCas', true);
  if (Object.keys(casRaw).length === 0) {
    fail('trust.regionCas', 'must name at least one region CA');
  }
  const regionCas: Record<string, string> = {};
  for (const [region, path] of Object.entries(casRaw)) {
    const key = `trust.regionCas.${region}`;
    if (!NAME.test(region)) fail(key, `region name must match ${NAME.source}`);
    if (typeof path !== 'string' || path === '' || path.includes('\0')) {
      fail(key, 'must be the path of a PEM file');
    }
    regionCas[region] = isAbsolute(path as string)
      ? (path as string)
      : resolve(baseDir, path as string);
  }

  const owners = read.ownerList(top, 'owners', federation);

  const datasetsRaw = read.section(top, 'datasets', true);
  if (Object.keys(datasetsRaw).length === 0) fail('datasets', 'must name at least one dataset');
  const dataDir = options.dataDir ?? baseDir;
  const datasets: Record<string, DatasetConfig> = {};
  for (const [name, entry] of Object.entries(datasetsRaw)) {
    const key = `datasets.${name}`;
    if (!NAME.test(name)) fail(key, `dataset name must match ${NAME.source}`);
    const fields = section(entry, key, fail);
    if ('name' in fields) fail(`${key}.name`, 'is not allowed; the key above it is the name');
    try {
      datasets[name] = parseDatasetConfig(
        { ...fields, name },
        { baseDir: dataDir, keyPrefix: `${key}.` },
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(error.key, `${source}: ${error.message}`, { cause: error });
    }
  }

  const metricsRaw = read.section(top, 'metrics', false);
  const shareRegionMetrics = read.bool(metricsRaw, 'metrics.shareRegionMetrics') ?? false;

  return deepFreeze({
    version,
    rounds: { minCohort, minK, minT, minSurvivors },
    model: { maxParameters, maxClipNorm, allowedLayers: [...allowedLayers] },
    training: { maxLocalEpochs },
    owners,
    datasets,
    shareRegionMetrics,
    trust: { federation, regionCas },
  });
}

type Fail = (key: string, message: string) => never;

/**
 * Turns yaml's Maps into plain objects through `Object.fromEntries`, which
 * defines every key as an own property (`__proto__` included).
 */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries(
      [...value].map(([k, v]: [unknown, unknown]) => [String(k), plain(v)]),
    );
  }
  return Array.isArray(value) ? value.map(plain) : value;
}

/** A mapping in the file, as a plain object with only its own keys. */
function section(value: unknown, key: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(key, key === '' ? 'the policy must be a mapping of sections' : 'must be a mapping');
  }
  return Object.fromEntries(Object.entries(value));
}

function leaf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

class Reader {
  constructor(private readonly fail: Fail) {}

  /** A section under `parent`, its keys checked against {@link SECTIONS}. */
  section(
    parent: Record<string, unknown>,
    key: string,
    required: boolean,
  ): Record<string, unknown> {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) {
      return required ? this.fail(key, 'is required') : {};
    }
    const result = section(value, key, this.fail);
    const allowed = Object.hasOwn(SECTIONS, key) ? SECTIONS[key] : null;
    if (allowed !== undefined && allowed !== null) {
      for (const child of Object.keys(result)) {
        if (!allowed.includes(child)) {
          this.fail(`${key}.${child}`, `unknown key; expected one of ${allowed.join(', ')}`);
        }
      }
    }
    return result;
  }

  integer(
    parent: Record<string, unknown>,
    key: string,
    opts: { min: number; required: true },
  ): number;
  integer(
    parent: Record<string, unknown>,
    key: string,
    opts: { min: number; required?: false },
  ): number | undefined;
  integer(
    parent: Record<string, unknown>,
    key: string,
    opts: { min: number; required?: boolean },
  ): number | undefined {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) {
      return opts.required === true ? this.fail(key, 'is required') : undefined;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return this.fail(key, `must be a whole number; got ${describe(value)}`);
    }
    if (value < opts.min) return this.fail(key, `must be at least ${opts.min}; got ${value}`);
    return value;
  }

  positiveNumber(parent: Record<string, unknown>, key: string): number {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) return this.fail(key, 'is required');
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      return this.fail(key, `must be a number above 0; got ${describe(value)}`);
    }
    return value;
  }

  bool(parent: Record<string, unknown>, key: string): boolean | undefined {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      return this.fail(key, `must be true or false; got ${describe(value)}`);
    }
    return value;
  }

  string(parent: Record<string, unknown>, key: string, pattern: RegExp): string {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) return this.fail(key, 'is required');
    if (typeof value !== 'string' || !pattern.test(value)) {
      return this.fail(key, `must match ${pattern.source}; got ${describe(value)}`);
    }
    return value;
  }

  layerList(parent: Record<string, unknown>, key: string): readonly string[] | undefined {
    const value = parent[leaf(key)];
    if (value === undefined || value === null) return undefined;
    const list = this.stringList(value, key);
    list.forEach((name, i) => {
      if (!LAYER_CLASS.test(name)) {
        this.fail(
          `${key}[${i}]`,
          `must be a layer class name such as Dense; got ${describe(name)}`,
        );
      }
      if (STRUCTURAL_LAYERS.has(name)) {
        this.fail(`${key}[${i}]`, `${name} only structures a model and needs no entry`);
      }
    });
    return list;
  }

  ownerList(parent: Record<string, unknown>, key: string, federation: string): string[] {
    const value = parent[key];
    if (value === undefined || value === null) {
      return this.fail(key, 'is required: list the experiment owners (SPIFFE IDs) allowed here');
    }
    const list = this.stringList(value, key);
    list.forEach((owner, i) => {
      const problem = checkOwnerPattern(owner, federation);
      if (problem !== undefined) this.fail(`${key}[${i}]`, problem);
    });
    return list;
  }

  private stringList(value: unknown, key: string): string[] {
    if (!Array.isArray(value) || value.length === 0) {
      return this.fail(key, 'must be a non-empty list');
    }
    const list = value.map((item: unknown, i) =>
      typeof item === 'string' && item !== ''
        ? item
        : this.fail(`${key}[${i}]`, `must be a non-empty string; got ${describe(item)}`),
    );
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item)) this.fail(`${key}[${i}]`, `repeats ${describe(item)}`);
      seen.add(item);
    });
    return list;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 64 ? `${value.slice(0, 61)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value === 'object' ? 'mapping' : typeof value}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
