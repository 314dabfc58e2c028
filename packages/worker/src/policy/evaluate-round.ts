/**
 * The region's decision on a round invitation: does this RoundConfig and
 * experiment spec fit the region's policy? Checks run cheapest first and the
 * first failure wins, so a refusal never costs more than the check that
 * refused (in particular, the parameter cap is checked from sizes before
 * any topology is parsed or model built).
 *
 * A refusal carries a {@link RefusalReason} the coordinator records and a
 * `detail` naming the policy key, its limit and the round's value. Details
 * contain only what the coordinator sent or the region's limits, never data.
 *
 * @module
 */
import { PolicyRefusedError } from '@fedra/common';
import type {
  DatasetSpecOutput,
  ExperimentSpecOutput,
  ModelSpecOutput,
  RefusalReasonOutput,
  RoundConfigOutput,
  TrainingConfigOutput,
  WeightSpecOutput,
} from '@fedra/proto';
import { checkLayers } from '../training/model.js';
import type { ModelTopology } from '../training/model.js';
import { ownerAllowed } from './owner-pattern.js';
import type { RegionPolicy } from './region-policy.js';

/** Longest topology JSON accepted (the spec's documented limit, 1 MiB). */
export const MAX_TOPOLOGY_JSON_CHARS = 1024 * 1024;

/** The parts of a RoundConfig the policy reads. */
export type RoundConfigUnderReview = Pick<RoundConfigOutput, 'participants' | 'k' | 't' | 'owner'>;

/** The parts of an ExperimentSpec the policy reads. */
export interface SpecUnderReview extends Pick<ExperimentSpecOutput, 'clippingBound'> {
  /** Topology and weight layout; a spec without one is invalid. */
  readonly model: Pick<ModelSpecOutput, 'topologyJson' | 'weights' | 'paramCount'> | null;
  /** Local training settings. */
  readonly training: Pick<TrainingConfigOutput, 'localEpochs'> | null;
  /** The dataset the experiment trains on. */
  readonly dataset: Pick<DatasetSpecOutput, 'name'> | null;
}

/** What {@link evaluateRound} looks at. */
export interface RoundUnderReview {
  /** The decoded RoundConfig (after its hash and signature verified). */
  readonly roundConfig: RoundConfigUnderReview;
  /** The decoded ExperimentSpec whose hash the RoundConfig binds. */
  readonly spec: SpecUnderReview;
  /**
   * The model topology, already parsed from `spec.model.topologyJson`.
   * @default parsed here from `spec.model.topologyJson`
   */
  readonly topology?: ModelTopology;
  /**
   * Float32 values in the global model the worker will download, from the
   * download manifest (`size_bytes / 4`). Unknown at invitation time: call
   * again with it once the manifest arrives, before the body is fetched.
   */
  readonly weightsLength?: number;
}

/** The region accepts the round. */
export interface PolicyAccepted {
  /** Always true. */
  readonly ok: true;
}

/** The region refuses the round; report `reason` and `detail` with ReportRefusal. */
export interface PolicyRefused {
  /** Always false. */
  readonly ok: false;
  /** The refusal reason as the wire enum names it. */
  readonly reason: RefusalReasonOutput;
  /** The policy key (or spec field) that refused, e.g. `rounds.minCohort`; for logs and metrics. */
  readonly rule: string;
  /** One line naming the limit and the round's value; safe to send to the coordinator. */
  readonly detail: string;
}

/** The outcome of a policy check. */
export type PolicyDecision = PolicyAccepted | PolicyRefused;

const ACCEPTED: PolicyAccepted = Object.freeze({ ok: true });

function refuse(reason: RefusalReasonOutput, rule: string, detail: string): PolicyRefused {
  return Object.freeze({ ok: false, reason, rule, detail });
}

/**
 * Checks a round invitation against the region's policy, in this order:
 * config sanity, cohort, k, t, survivors, owner, dataset, clipping, local
 * epochs, parameter count (from sizes), layers (from the topology JSON).
 * Never throws for anything the coordinator sent; a malformed config or
 * spec is refused with `REFUSAL_REASON_CONFIG_INVALID`.
 */
export function evaluateRound(policy: RegionPolicy, round: RoundUnderReview): PolicyDecision {
  const { roundConfig, spec } = round;
  const { rounds, model: limits } = policy;

  const ids = roundConfig.participants.map((p) => p.workerId);
  const cohort = new Set(ids).size;
  if (cohort !== ids.length) {
    return refuse(
      'REFUSAL_REASON_CONFIG_INVALID',
      'participants',
      `the participant list repeats worker ids (${ids.length} entries, ${cohort} distinct)`,
    );
  }
  if (!Number.isSafeInteger(roundConfig.k) || !Number.isSafeInteger(roundConfig.t)) {
    return refuse('REFUSAL_REASON_CONFIG_INVALID', 'k', 'k and t must be whole numbers');
  }
  if (cohort < rounds.minCohort) {
    return refuse(
      'REFUSAL_REASON_COHORT_TOO_SMALL',
      'rounds.minCohort',
      `a cohort of ${cohort} participants is below the region's rounds.minCohort of ${rounds.minCohort}`,
    );
  }
  if (roundConfig.k < rounds.minK) {
    return refuse(
      'REFUSAL_REASON_NEIGHBOURS_TOO_FEW',
      'rounds.minK',
      `k = ${roundConfig.k} neighbours is below the region's rounds.minK of ${rounds.minK}`,
    );
  }
  if (roundConfig.t < rounds.minT) {
    return refuse(
      'REFUSAL_REASON_THRESHOLD_TOO_LOW',
      'rounds.minT',
      `threshold t = ${roundConfig.t} is below the region's rounds.minT of ${rounds.minT}`,
    );
  }
  // A survivor signs the survivor set only when t of its mask partners are
  // in it (ParticipantSession.consistencyCheck), so t + 1 is the smallest
  // set this region's update can be summed in; the cohort caps it above.
  const survivorFloor = Math.min(roundConfig.t + 1, cohort);
  if (survivorFloor < rounds.minSurvivors) {
    return refuse(
      'REFUSAL_REASON_SURVIVORS_TOO_FEW',
      'rounds.minSurvivors',
      `the round can complete with ${survivorFloor} survivors (t = ${roundConfig.t}, cohort ${cohort}), below the region's rounds.minSurvivors of ${rounds.minSurvivors}`,
    );
  }
  if (!ownerAllowed(roundConfig.owner, policy.owners)) {
    return refuse(
      'REFUSAL_REASON_OWNER_NOT_ALLOWED',
      'owners',
      `experiment owner ${show(roundConfig.owner)} is not in the region's owners list`,
    );
  }
  const dataset = spec.dataset?.name ?? '';
  if (!Object.hasOwn(policy.datasets, dataset)) {
    return refuse(
      'REFUSAL_REASON_DATASET_UNAVAILABLE',
      'datasets',
      `dataset ${show(dataset)} is not one the region exposes`,
    );
  }
  const clip = spec.clippingBound;
  if (!Number.isFinite(clip) || clip <= 0) {
    return refuse(
      'REFUSAL_REASON_CLIPPING_REQUIRED',
      'model.maxClipNorm',
      `the spec does not clip updates (clipping_bound ${String(clip)}); the region requires a bound of at most model.maxClipNorm ${limits.maxClipNorm}`,
    );
  }
  if (clip > limits.maxClipNorm) {
    return refuse(
      'REFUSAL_REASON_CLIPPING_REQUIRED',
      'model.maxClipNorm',
      `clipping_bound ${clip} is above the region's model.maxClipNorm of ${limits.maxClipNorm}`,
    );
  }
  const epochs = spec.training?.localEpochs ?? 0;
  const maxEpochs = policy.training.maxLocalEpochs;
  if (maxEpochs !== undefined && epochs > maxEpochs) {
    return refuse(
      'REFUSAL_REASON_INSUFFICIENT_RESOURCES',
      'training.maxLocalEpochs',
      `local_epochs ${epochs} is above the region's training.maxLocalEpochs of ${maxEpochs}`,
    );
  }

  const model = spec.model;
  if (model === null) {
    return refuse('REFUSAL_REASON_CONFIG_INVALID', 'spec.model', 'the spec has no model');
  }
  const parameters = checkParameters(policy, model, round.weightsLength);
  if (parameters !== undefined) return parameters;

  let topology = round.topology;
  if (topology === undefined) {
    if (model.topologyJson.length > MAX_TOPOLOGY_JSON_CHARS) {
      return refuse(
        'REFUSAL_REASON_CONFIG_INVALID',
        'spec.model.topology_json',
        `the topology JSON has ${model.topologyJson.length} characters, above the ${MAX_TOPOLOGY_JSON_CHARS} limit`,
      );
    }
    try {
      topology = JSON.parse(model.topologyJson) as ModelTopology;
    } catch {
      return refuse(
        'REFUSAL_REASON_CONFIG_INVALID',
        'spec.model.topology_json',
        'the topology is not valid JSON',
      );
    }
  }
  try {
    checkLayers(topology, limits.allowedLayers);
  } catch (error) {
    if (error instanceof PolicyRefusedError) {
      return refuse('REFUSAL_REASON_LAYER_NOT_ALLOWED', 'model.allowedLayers', error.message);
    }
    const why = error instanceof Error ? error.message : 'unreadable';
    return refuse(
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model.topology_json',
      `the topology cannot be checked: ${show(why)}`,
    );
  }
  return ACCEPTED;
}

/**
 * Checks the survivor set the coordinator fixed at consistency-check
 * against `rounds.minSurvivors`: a second line of defence behind
 * {@link evaluateRound}'s check of t, for the set actually chosen.
 */
export function checkSurvivorSet(
  policy: RegionPolicy,
  survivors: readonly string[],
): PolicyDecision {
  const count = new Set(survivors).size;
  if (count < policy.rounds.minSurvivors) {
    return refuse(
      'REFUSAL_REASON_SURVIVORS_TOO_FEW',
      'rounds.minSurvivors',
      `the survivor set has ${count} participants, below the region's rounds.minSurvivors of ${policy.rounds.minSurvivors}`,
    );
  }
  return ACCEPTED;
}

/**
 * The parameter cap against every size the coordinator declared (the
 * spec's param_count, the sum of its weight shapes, the download size),
 * then their agreement: a model may not look small in one place and be
 * large in another.
 */
function checkParameters(
  policy: RegionPolicy,
  model: NonNullable<SpecUnderReview['model']>,
  weightsLength: number | undefined,
): PolicyRefused | undefined {
  const cap = policy.model.maxParameters;
  const layout = layoutSize(model.weights, cap);
  const sizes: [string, number][] = [
    ['param_count', model.paramCount],
    ['weight shapes', layout],
  ];
  if (weightsLength !== undefined) sizes.push(['model download', weightsLength]);
  for (const [what, size] of sizes) {
    if (!(size <= cap)) {
      const shown = Number.isFinite(size) ? String(size) : `more than ${cap}`;
      return refuse(
        'REFUSAL_REASON_TOO_MANY_PARAMETERS',
        'model.maxParameters',
        `the model has ${shown} parameters (${what}), above the region's model.maxParameters of ${cap}`,
      );
    }
  }
  const distinct = new Set(sizes.map(([, size]) => size));
  if (distinct.size !== 1 || model.paramCount < 1) {
    return refuse(
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model.param_count',
      `the model's sizes disagree or are empty: ${sizes.map(([what, size]) => `${what} ${size}`).join(', ')}`,
    );
  }
  return undefined;
}

/** Sum of the weights' element counts; `Infinity` as soon as it passes `cap`. */
function layoutSize(weights: readonly Pick<WeightSpecOutput, 'shape'>[], cap: number): number {
  let total = 0;
  for (const weight of weights) {
    let size = 1;
    for (const dim of weight.shape) {
      size *= dim;
      if (size > cap) return Number.POSITIVE_INFINITY;
    }
    total += size;
    if (total > cap) return Number.POSITIVE_INFINITY;
  }
  return total;
}

function show(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}
