/**
 * FedAvg (McMahan et al. 2017) as a server step on the mean delta.
 *
 * @module
 */
import { positiveNumber, STRATEGY_DEFAULTS } from './hyperparameters.js';
import { checkParams, checkStepInput, overflow } from './step-checks.js';
import type {
  Strategy,
  StrategyDescription,
  StrategyState,
  StrategyStepInput,
  StrategyStepResult,
} from './strategy.js';

/** Options for {@link FedAvg}. */
export interface FedAvgOptions {
  /** Server learning rate η; 1 is classic FedAvg. @default 1 */
  readonly serverLearningRate?: number;
}

/**
 * Federated averaging: x ← x + η·Δ̄. With η = 1 the new model is the
 * weighted mean of the participants' models. Stateless.
 */
export class FedAvg implements Strategy {
  readonly name = 'fedavg' as const;
  /** Server learning rate η. */
  readonly serverLearningRate: number;

  /** @throws FedraError `INVALID_SPEC` for a bad hyper-parameter. */
  constructor(options: FedAvgOptions = {}) {
    this.serverLearningRate = positiveNumber(
      'serverLearningRate',
      options.serverLearningRate,
      STRATEGY_DEFAULTS.fedavg.serverLearningRate,
    );
  }

  initialState(params: number): StrategyState {
    checkParams(params);
    return { kind: this.name, params, steps: 0, vectors: {} };
  }

  apply(input: StrategyStepInput): StrategyStepResult {
    const params = checkStepInput(this.name, [], input);
    const { model, meanDelta } = input;
    const eta = this.serverLearningRate;
    const next = new Float32Array(params);
    for (let i = 0; i < params; i += 1) {
      next[i] = (model[i] as number) + eta * (meanDelta[i] as number);
      if (!Number.isFinite(next[i])) throw overflow(this.name, i);
    }
    return {
      model: next,
      state: { kind: this.name, params, steps: input.state.steps + 1, vectors: {} },
    };
  }

  describe(): StrategyDescription {
    return { strategy: this.name, serverLearningRate: this.serverLearningRate };
  }
}
