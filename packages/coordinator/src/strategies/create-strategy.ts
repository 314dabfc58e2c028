/**
 * Builds a {@link Strategy} from the plain spec object an experiment
 * carries. The spec may come off the wire or out of a JSON file, so every
 * field is checked at run time, whatever its static type says.
 *
 * @module
 */
import { FedAvgM } from './fed-avg-m.js';
import { FedAvg } from './fed-avg.js';
import { FedOpt } from './fed-opt.js';
import { invalidSpec } from './hyperparameters.js';
import { STRATEGY_KINDS, type Strategy, type StrategyKind } from './strategy.js';

/**
 * A server strategy and its hyper-parameters, as written in an experiment
 * spec. Omitted fields take the defaults in `STRATEGY_DEFAULTS`; fields a
 * strategy does not use are errors (a `momentum` on FedAdam is a mistake,
 * not something to ignore).
 */
export interface StrategySpec {
  /** Which strategy. */
  readonly kind: StrategyKind;
  /** Server learning rate η > 0 (all kinds). */
  readonly serverLearningRate?: number;
  /** FedAvgM momentum β in [0, 1). */
  readonly momentum?: number;
  /** First-moment decay β1 in [0, 1) (FedAdam, FedYogi, FedAdagrad). */
  readonly beta1?: number;
  /** Second-moment decay β2 in [0, 1) (FedAdam, FedYogi). */
  readonly beta2?: number;
  /** Adaptivity τ > 0 (FedAdam, FedYogi, FedAdagrad). */
  readonly tau?: number;
}

const FIELDS: Readonly<Record<StrategyKind, readonly string[]>> = {
  fedavg: ['serverLearningRate'],
  fedavgm: ['serverLearningRate', 'momentum'],
  fedadam: ['serverLearningRate', 'beta1', 'beta2', 'tau'],
  fedyogi: ['serverLearningRate', 'beta1', 'beta2', 'tau'],
  fedadagrad: ['serverLearningRate', 'beta1', 'tau'],
};

/**
 * Validates `spec` and returns the strategy it names.
 *
 * @example
 * ```ts
 * const strategy = createStrategy({ kind: 'fedadam', serverLearningRate: 0.01 });
 * let state = strategy.initialState(model.length);
 * ({ model, state } = strategy.apply({ model, meanDelta, state }));
 * ```
 *
 * @throws FedraError `INVALID_SPEC` whose `metadata.field` names the
 *   offending field (`strategy.kind`, `strategy.beta2`, …).
 */
export function createStrategy(spec: StrategySpec): Strategy {
  const value: unknown = spec;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidSpec('kind', 'strategy must be an object with a strategy.kind');
  }
  const fields = value as Record<string, unknown>;
  const kind = fields['kind'];
  if (typeof kind !== 'string' || !(STRATEGY_KINDS as readonly string[]).includes(kind)) {
    throw invalidSpec('kind', `strategy.kind must be one of ${STRATEGY_KINDS.join(', ')}`);
  }
  const allowed = FIELDS[kind as StrategyKind];
  for (const [field, fieldValue] of Object.entries(fields)) {
    if (field === 'kind' || fieldValue === undefined) continue;
    if (!allowed.includes(field)) {
      const known = Object.values(FIELDS).some((names) => names.includes(field));
      throw invalidSpec(
        field,
        known
          ? `strategy.${field} does not apply to ${kind}`
          : `strategy.${field} is not a strategy field`,
      );
    }
  }
  switch (kind as StrategyKind) {
    case 'fedavg':
      return new FedAvg({ serverLearningRate: spec.serverLearningRate });
    case 'fedavgm':
      return new FedAvgM({ serverLearningRate: spec.serverLearningRate, momentum: spec.momentum });
    case 'fedadam':
    case 'fedyogi':
    case 'fedadagrad':
      return new FedOpt({
        kind: kind as 'fedadam' | 'fedyogi' | 'fedadagrad',
        serverLearningRate: spec.serverLearningRate,
        beta1: spec.beta1,
        beta2: spec.beta2,
        tau: spec.tau,
      });
  }
}
