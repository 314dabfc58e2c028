/**
 * Defaults and validation of strategy hyper-parameters.
 *
 * Defaults, and why:
 * - FedAvg, FedAvgM: server learning rate η = 1, so FedAvg is plain
 *   averaging (McMahan et al. 2017). FedAvgM momentum β = 0.9, the value Hsu
 *   et al. (2019) found robust; Flower's FedAvgM defaults to 0, which is
 *   just FedAvg.
 * - FedAdam, FedYogi, FedAdagrad (Reddi et al., ICLR 2021, Algorithm 2):
 *   β1 = 0.9 and β2 = 0.99 as in the paper's experiments; τ = 1e-3 and
 *   η = 0.01, Flower's FedYogi defaults. Flower's FedAdam and FedAdagrad use
 *   τ = 1e-9 and η = 0.1, which makes the first steps ≈ ±η per coordinate
 *   whatever the scale of Δ̄ (with v₀ = τ², m/(√v + τ) ≈ sign(Δ̄)): too
 *   aggressive for a default. Flower's FedAdagrad also fixes β1 = 0; here it
 *   follows Algorithm 2 (momentum on all three) and can be set to 0.
 * - v₀ = τ² (the paper's v₋₁ ≥ τ²); Flower starts at 0.
 * - No Adam bias correction: Algorithm 2 has none (Flower's FedAdam adds
 *   Kingma and Ba's); replaying the paper is the point.
 *
 * @module
 */
import { FedraError } from '@fedra/common';

/** Default hyper-parameters of every strategy; see the module doc for the reasons. */
export const STRATEGY_DEFAULTS = {
  fedavg: { serverLearningRate: 1 },
  fedavgm: { serverLearningRate: 1, momentum: 0.9 },
  adaptive: { serverLearningRate: 0.01, beta1: 0.9, beta2: 0.99, tau: 1e-3 },
} as const;

/**
 * Returns `value`, or `fallback` when undefined, after checking it is a
 * finite number > 0.
 *
 * @throws FedraError `INVALID_SPEC` naming `strategy.<field>`.
 */
export function positiveNumber(field: string, value: unknown, fallback: number): number {
  const x = value ?? fallback;
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw invalidSpec(field, `strategy.${field} must be a finite number > 0`);
  }
  return x;
}

/**
 * Returns `value`, or `fallback` when undefined, after checking it lies in
 * [0, 1): a decay rate of 1 would never forget, and the adaptive methods
 * need β < 1.
 *
 * @throws FedraError `INVALID_SPEC` naming `strategy.<field>`.
 */
export function decayRate(field: string, value: unknown, fallback: number): number {
  const x = value ?? fallback;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x >= 1) {
    throw invalidSpec(field, `strategy.${field} must be a number in [0, 1)`);
  }
  return x;
}

/** An `INVALID_SPEC` error whose metadata names `strategy.<field>`. */
export function invalidSpec(field: string, message: string): FedraError {
  return new FedraError('INVALID_SPEC', message, { metadata: { field: `strategy.${field}` } });
}
