/**
 * Turning the unmasked lane sums of a round into the mean delta and the
 * round's metrics; the counterpart of Flower's `aggregate.py` for a
 * coordinator that only ever sees sums.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import { checkFinite } from './step-checks.js';

/**
 * The weighted mean delta Δ̄ = Σ wᵢ·Δᵢ / W, divided in float64 and rounded
 * once to float32. FedAvg's pseudo-gradient is −Δ̄.
 *
 * @param deltaSum - Σ wᵢ·Δᵢ, decoded from the aggregate.
 * @param totalWeight - W = Σ wᵢ, the weight lane of the aggregate.
 * @throws FedraError `INVALID_ARGUMENT` when W is not a finite number > 0,
 *   `NON_FINITE_INPUT` when the sum holds NaN or Infinity.
 */
export function meanFromLaneSums(
  deltaSum: Float64Array | Float32Array,
  totalWeight: number,
): Float32Array {
  checkWeight('totalWeight', totalWeight);
  checkFinite('deltaSum', deltaSum);
  const mean = new Float32Array(deltaSum.length);
  for (let i = 0; i < deltaSum.length; i += 1) {
    mean[i] = (deltaSum[i] as number) / totalWeight;
  }
  return mean;
}

/** The metric lanes of an aggregate; see {@link metricsFromLaneSums}. */
export interface MetricLaneSums {
  /** Sum of the loss lane (each participant's loss sum). */
  readonly lossSum: number;
  /** Sum of the correct-count lane. */
  readonly correctCount: number;
  /** W, the sum of the weight lane. */
  readonly totalWeight: number;
  /**
   * Number of training examples behind `correctCount`. @default totalWeight
   * (the weight lane is each participant's capped example count)
   */
  readonly examples?: number;
}

/** A round's training metrics, as a model version records them. */
export interface RoundMetrics {
  /** Mean training loss: lossSum / W. */
  readonly loss: number;
  /** Training accuracy: correctCount / examples. */
  readonly accuracy: number;
  /** Examples behind the metrics. */
  readonly examples: number;
}

/**
 * Mean loss and accuracy from the metric lanes. Values are not clamped: an
 * accuracy outside [0, 1] means some participant reported inconsistent
 * lanes, which the caller should log rather than hide.
 *
 * @throws FedraError `INVALID_ARGUMENT` when W or `examples` is not a finite
 *   number > 0, `NON_FINITE_INPUT` for a non-finite lane sum.
 */
export function metricsFromLaneSums(sums: MetricLaneSums): RoundMetrics {
  checkWeight('totalWeight', sums.totalWeight);
  const examples = sums.examples ?? sums.totalWeight;
  checkWeight('examples', examples);
  checkFinite('lossSum', [sums.lossSum]);
  checkFinite('correctCount', [sums.correctCount]);
  return {
    loss: sums.lossSum / sums.totalWeight,
    accuracy: sums.correctCount / examples,
    examples,
  };
}

function checkWeight(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new FedraError(
      'INVALID_ARGUMENT',
      `${field} must be a finite number > 0; an aggregate with no weight has no mean`,
      { metadata: { field } },
    );
  }
}
