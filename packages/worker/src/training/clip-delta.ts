/**
 * L2-norm clipping of a model delta, the bound secure aggregation's fixed
 * point encoding relies on.
 *
 * @module
 */
import { FedraError, InvalidArgumentError } from '@fedra/common';

/** What {@link clipDelta} did. */
export interface ClipResult {
  /** The L2 norm before clipping. */
  readonly norm: number;
  /** Whether the delta was scaled down. */
  readonly clipped: boolean;
}

/**
 * Scales `delta` in place so its L2 norm is at most `bound`: a delta whose
 * norm exceeds `bound` is multiplied by `bound / norm` (its norm becomes
 * `bound`, to float32 rounding); a smaller one is left untouched. The norm
 * is accumulated in float64.
 *
 * @throws InvalidArgumentError (`clipNorm`) unless `bound` is positive and finite.
 * @throws FedraError `NON_FINITE_INPUT` when the delta holds NaN or Infinity
 *   (training diverged); such a delta must never be sent.
 */
export function clipDelta(delta: Float32Array, bound: number): ClipResult {
  if (!(bound > 0 && Number.isFinite(bound))) {
    throw new InvalidArgumentError(
      'clipNorm',
      `clipNorm must be positive and finite, got ${bound}`,
    );
  }
  const norm = l2Norm(delta);
  if (!Number.isFinite(norm)) {
    throw new FedraError(
      'NON_FINITE_INPUT',
      'the model update holds NaN or Infinity (training diverged; lower the learning rate)',
      { metadata: { field: 'delta' } },
    );
  }
  if (norm <= bound) return { norm, clipped: false };
  const scale = bound / norm;
  for (let i = 0; i < delta.length; i++) delta[i] = (delta[i] as number) * scale;
  return { norm, clipped: true };
}

/** The L2 norm of `vector`, accumulated in float64. */
export function l2Norm(vector: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i] as number;
    sum += v * v;
  }
  return Math.sqrt(sum);
}
