/**
 * FedAvgM: FedAvg with server momentum (Hsu, Qi and Brown 2019,
 * "Measuring the Effects of Non-Identical Data Distribution for Federated
 * Visual Classification").
 *
 * @module
 */
import { decayRate, positiveNumber, STRATEGY_DEFAULTS } from './hyperparameters.js';
import { checkParams, checkStepInput, overflow } from './step-checks.js';
import type {
  Strategy,
  StrategyDescription,
  StrategyState,
  StrategyStepInput,
  StrategyStepResult,
} from './strategy.js';

/** Options for {@link FedAvgM}. */
export interface FedAvgMOptions {
  /** Server learning rate η. @default 1 */
  readonly serverLearningRate?: number;
  /** Momentum β in [0, 1); 0 is FedAvg. @default 0.9 */
  readonly momentum?: number;
}

/**
 * v ← β·v + Δ̄; x ← x + η·v, with v₀ = 0 (so the first step is FedAvg's).
 * State: `{ velocity }`.
 */
export class FedAvgM implements Strategy {
  readonly name = 'fedavgm' as const;
  /** Server learning rate η. */
  readonly serverLearningRate: number;
  /** Momentum β. */
  readonly momentum: number;

  /** @throws FedraError `INVALID_SPEC` for a bad hyper-parameter. */
  constructor(options: FedAvgMOptions = {}) {
    const defaults = STRATEGY_DEFAULTS.fedavgm;
    this.serverLearningRate = positiveNumber(
      'serverLearningRate',
      options.serverLearningRate,
      defaults.serverLearningRate,
    );
    this.momentum = decayRate('momentum', options.momentum, defaults.momentum);
  }

  initialState(params: number): StrategyState {
    checkParams(params);
    return { kind: this.name, params, steps: 0, vectors: { velocity: new Float32Array(params) } };
  }

  apply(input: StrategyStepInput): StrategyStepResult {
    const params = checkStepInput(this.name, ['velocity'], input);
    const { model, meanDelta } = input;
    const velocity = input.state.vectors['velocity'] as Float32Array;
    const eta = this.serverLearningRate;
    const beta = this.momentum;
    const nextModel = new Float32Array(params);
    const nextVelocity = new Float32Array(params);
    for (let i = 0; i < params; i += 1) {
      const v = beta * (velocity[i] as number) + (meanDelta[i] as number);
      nextVelocity[i] = v;
      nextModel[i] = (model[i] as number) + eta * v;
      if (!Number.isFinite(nextModel[i]) || !Number.isFinite(nextVelocity[i])) {
        throw overflow(this.name, i);
      }
    }
    return {
      model: nextModel,
      state: {
        kind: this.name,
        params,
        steps: input.state.steps + 1,
        vectors: { velocity: nextVelocity },
      },
    };
  }

  describe(): StrategyDescription {
    return {
      strategy: this.name,
      serverLearningRate: this.serverLearningRate,
      momentum: this.momentum,
    };
  }
}
