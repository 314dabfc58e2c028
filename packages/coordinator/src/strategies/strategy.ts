/**
 * The server-side optimiser of a federated round, after Flower's `Strategy`
 * (adap/flower, `flwr/server/strategy/strategy.py`), narrowed to what secure
 * aggregation leaves the coordinator.
 *
 * Secure aggregation reveals only sums: Σ wᵢ·Δᵢ, the total weight W = Σ wᵢ
 * and the metric lanes. So a strategy never sees an individual update; it
 * sees the weighted mean delta Δ̄ = Σ wᵢ·Δᵢ / W (the negated FedAvg
 * pseudo-gradient, see {@link meanFromLaneSums}) and turns the current model
 * and its own state into the next model and state. Client selection and
 * failure handling belong to the round engine, not here.
 *
 * @module
 */

/** The server strategies Fedra implements. */
export type StrategyKind =
  /** Federated averaging (McMahan et al. 2017): x ← x + η·Δ̄. */
  | 'fedavg'
  /** FedAvg with server momentum (Hsu et al. 2019): v ← β·v + Δ̄; x ← x + η·v. */
  | 'fedavgm'
  /** Adam on the server (Reddi et al. 2021, Algorithm 2). */
  | 'fedadam'
  /** Yogi on the server (Reddi et al. 2021, Algorithm 2). */
  | 'fedyogi'
  /** Adagrad on the server (Reddi et al. 2021, Algorithm 2). */
  | 'fedadagrad';

/** Every {@link StrategyKind}, in documentation order. */
export const STRATEGY_KINDS: readonly StrategyKind[] = [
  'fedavg',
  'fedavgm',
  'fedadam',
  'fedyogi',
  'fedadagrad',
];

/**
 * What a strategy carries from one round to the next. Scalars are
 * JSON-safe; vectors are Float32Arrays with one element per model
 * parameter, which the model store serialises as a blob
 * (see `encodeStrategyState`). Treat it as immutable.
 */
export interface StrategyState {
  /** The strategy that wrote it; applying another kind's state is refused. */
  readonly kind: StrategyKind;
  /** Number of model parameters the vectors cover. */
  readonly params: number;
  /** How many server steps produced it (0 for {@link Strategy.initialState}). */
  readonly steps: number;
  /**
   * Named per-parameter vectors: `{}` for FedAvg, `{ velocity }` for
   * FedAvgM, `{ m, v }` (first and second moments) for the adaptive ones.
   */
  readonly vectors: Readonly<Record<string, Float32Array>>;
}

/** Input of {@link Strategy.apply}. Nothing in it is modified. */
export interface StrategyStepInput {
  /** The current global model, flattened. */
  readonly model: Float32Array;
  /** The weighted mean delta Δ̄ of this round, same length as `model`. */
  readonly meanDelta: Float32Array;
  /** The state the previous step returned (or {@link Strategy.initialState}). */
  readonly state: StrategyState;
}

/** Output of {@link Strategy.apply}: fresh arrays, never aliases of the input. */
export interface StrategyStepResult {
  /** The next global model. */
  readonly model: Float32Array;
  /** The state to persist with it and pass to the next step. */
  readonly state: StrategyState;
}

/** A strategy's name and hyper-parameters, flat, for structured logs. */
export type StrategyDescription = Readonly<Record<string, string | number>> & {
  readonly strategy: StrategyKind;
};

/**
 * A server optimiser. Implementations are pure: `apply` depends only on its
 * input and hyper-parameters, so a new driver that replays a step after a
 * crash gets the same model bit for bit. Arithmetic is done in float64 per
 * element and stored as float32.
 */
export interface Strategy {
  /** Which strategy this is; also recorded in each model version. */
  readonly name: StrategyKind;
  /** The state before the first round, for a model of `params` parameters. */
  initialState(params: number): StrategyState;
  /**
   * One server step: the next model and state from the current ones and
   * this round's mean delta.
   *
   * @throws FedraError `VECTOR_LENGTH_MISMATCH` when lengths disagree,
   *   `NON_FINITE_INPUT` for NaN/Infinity in the inputs or a step that
   *   overflows float32, `INVALID_ARGUMENT` for state of another strategy.
   */
  apply(input: StrategyStepInput): StrategyStepResult;
  /** Name and hyper-parameters, e.g. `{ strategy: 'fedadam', serverLearningRate: 0.01, … }`. */
  describe(): StrategyDescription;
}
