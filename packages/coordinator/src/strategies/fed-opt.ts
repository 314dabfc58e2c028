/**
 * The adaptive server optimisers of Reddi et al., "Adaptive Federated
 * Optimization" (ICLR 2021), Algorithm 2, with Δₜ = Δ̄:
 *
 * ```
 * m ← β1·m + (1 − β1)·Δ
 * v ← v + Δ²                                (FedAdagrad)
 * v ← v − (1 − β2)·Δ²·sign(v − Δ²)          (FedYogi)
 * v ← β2·v + (1 − β2)·Δ²                    (FedAdam)
 * x ← x + η·m / (√v + τ)
 * ```
 *
 * with m₀ = 0 and v₀ = τ². Defaults and differences from Flower are in
 * `hyperparameters.ts`.
 *
 * @module
 */
import { decayRate, invalidSpec, positiveNumber, STRATEGY_DEFAULTS } from './hyperparameters.js';
import { checkParams, checkStepInput, overflow } from './step-checks.js';
import type {
  Strategy,
  StrategyDescription,
  StrategyState,
  StrategyStepInput,
  StrategyStepResult,
} from './strategy.js';

/** The adaptive strategies. */
export type FedOptKind = 'fedadam' | 'fedyogi' | 'fedadagrad';

/** Options for {@link FedOpt}. */
export interface FedOptOptions {
  /** Which second-moment rule to use. */
  readonly kind: FedOptKind;
  /** Server learning rate η. @default 0.01 */
  readonly serverLearningRate?: number;
  /** First-moment decay β1 in [0, 1). @default 0.9 */
  readonly beta1?: number;
  /**
   * Second-moment decay β2 in [0, 1), FedAdam and FedYogi only (FedAdagrad
   * accumulates without decay, so setting it there is an error).
   * @default 0.99
   */
  readonly beta2?: number;
  /** Adaptivity τ > 0: larger is closer to FedAvgM, smaller more adaptive. @default 1e-3 */
  readonly tau?: number;
}

/** FedAdam, FedYogi or FedAdagrad. State: `{ m, v }`. */
export class FedOpt implements Strategy {
  /** Which adaptive rule this is. */
  readonly name: FedOptKind;
  /** Server learning rate η. */
  readonly serverLearningRate: number;
  /** First-moment decay β1. */
  readonly beta1: number;
  /** Second-moment decay β2 (unused, and reported as 0, for FedAdagrad). */
  readonly beta2: number;
  /** Adaptivity τ. */
  readonly tau: number;

  /** @throws FedraError `INVALID_SPEC` for a bad or inapplicable hyper-parameter. */
  constructor(options: FedOptOptions) {
    const defaults = STRATEGY_DEFAULTS.adaptive;
    const kind: unknown = options.kind;
    if (kind !== 'fedadam' && kind !== 'fedyogi' && kind !== 'fedadagrad') {
      throw invalidSpec('kind', 'strategy.kind must be fedadam, fedyogi or fedadagrad');
    }
    this.name = kind;
    this.serverLearningRate = positiveNumber(
      'serverLearningRate',
      options.serverLearningRate,
      defaults.serverLearningRate,
    );
    this.beta1 = decayRate('beta1', options.beta1, defaults.beta1);
    if (kind === 'fedadagrad') {
      if (options.beta2 !== undefined) {
        throw invalidSpec('beta2', 'strategy.beta2 does not apply to fedadagrad');
      }
      this.beta2 = 0;
    } else {
      this.beta2 = decayRate('beta2', options.beta2, defaults.beta2);
    }
    this.tau = positiveNumber('tau', options.tau, defaults.tau);
  }

  initialState(params: number): StrategyState {
    checkParams(params);
    return {
      kind: this.name,
      params,
      steps: 0,
      vectors: {
        m: new Float32Array(params),
        v: new Float32Array(params).fill(this.tau * this.tau),
      },
    };
  }

  apply(input: StrategyStepInput): StrategyStepResult {
    const params = checkStepInput(this.name, ['m', 'v'], input);
    const { model, meanDelta } = input;
    const m0 = input.state.vectors['m'] as Float32Array;
    const v0 = input.state.vectors['v'] as Float32Array;
    const nextModel = new Float32Array(params);
    const nextM = new Float32Array(params);
    const nextV = new Float32Array(params);
    const eta = this.serverLearningRate;
    const tau = this.tau;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const kind = this.name;
    for (let i = 0; i < params; i += 1) {
      const d = meanDelta[i] as number;
      const d2 = d * d;
      const vPrev = v0[i] as number;
      const m = b1 * (m0[i] as number) + (1 - b1) * d;
      const v =
        kind === 'fedadam'
          ? b2 * vPrev + (1 - b2) * d2
          : kind === 'fedyogi'
            ? vPrev - (1 - b2) * d2 * Math.sign(vPrev - d2)
            : vPrev + d2;
      // m and v stay float64 here and are rounded once when stored.
      nextModel[i] = (model[i] as number) + (eta * m) / (Math.sqrt(v) + tau);
      nextM[i] = m;
      nextV[i] = v;
      if (!Number.isFinite(nextModel[i]) || !Number.isFinite(nextV[i])) throw overflow(kind, i);
    }
    return {
      model: nextModel,
      state: {
        kind,
        params,
        steps: input.state.steps + 1,
        vectors: { m: nextM, v: nextV },
      },
    };
  }

  describe(): StrategyDescription {
    const base = {
      strategy: this.name,
      serverLearningRate: this.serverLearningRate,
      beta1: this.beta1,
      tau: this.tau,
    };
    return this.name === 'fedadagrad' ? base : { ...base, beta2: this.beta2 };
  }
}
