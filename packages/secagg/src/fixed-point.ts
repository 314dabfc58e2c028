/**
 * Fixed-point encoding of an update into lanes of uint32 words modulo 2^32.
 *
 * Each lane (the clipped, weighted delta; the weight; loss sum; correct
 * count) declares a bound and a scale. Encoding clips each value to
 * [-bound, bound], multiplies by the scale and rounds stochastically
 * (up with probability equal to the fractional part), then wraps modulo
 * 2^32. Sums of encoded vectors are decoded as signed int32 / scale, which is
 * exact as long as n x bound x scale < 2^31 ({@link checkLaneOverflow}).
 *
 * Error bound (per element, see {@link quantizationErrorBound}): one encoded
 * value differs from its clipped value by less than 1/scale, and is unbiased
 * up to 2^-32/scale (the rounding threshold is a 32-bit uniform); a decoded
 * sum of n encodings differs from the sum of the clipped values by less than
 * n/scale, and typically by about sqrt(n)/(2 scale). Clipping itself is not
 * quantisation error: values beyond the bound are changed on purpose.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { MaskStream } from './mask-prg.js';
import { PIECE_ELEMENTS } from './vector-math.js';

/** One lane of the encoded vector. */
export interface LaneSpec {
  /** Lane name, used in errors ('delta', 'weight', 'lossSum', …). */
  name: string;
  /** Number of elements in the lane. */
  length: number;
  /** Values are clipped to [-bound, bound] before scaling (> 0). */
  bound: number;
  /** Fixed-point scale: a value v is encoded as about v x scale (> 0). */
  scale: number;
}

/** A source of independent uniform uint32 words (e.g. a {@link MaskStream}). */
export interface UniformSource {
  /** The next `count` uniform words. */
  next(count: number): Uint32Array;
}

const TWO_31 = 2 ** 31;

// Array.isArray narrows a readonly array to any[]; this keeps the type.
function isArray(value: unknown): boolean {
  return Array.isArray(value);
}

function laneError(
  code: 'INVALID_ARGUMENT' | 'LANE_OVERFLOW',
  lane: string,
  message: string,
): FedraError {
  return new FedraError(code, `lane '${lane}': ${message}`, { metadata: { lane } });
}

/** The largest magnitude one encoded value of the lane can have: ceil(bound x scale). */
function laneMagnitude(lane: LaneSpec): number {
  return Math.ceil(lane.bound * lane.scale);
}

function validateLanes(lanes: readonly LaneSpec[]): void {
  if (!isArray(lanes)) {
    throw new FedraError('INVALID_ARGUMENT', 'lanes must be an array', {
      metadata: { field: 'lanes' },
    });
  }
  const names = new Set<string>();
  for (const lane of lanes) {
    if (typeof lane.name !== 'string' || lane.name === '' || names.has(lane.name)) {
      throw new FedraError('INVALID_ARGUMENT', 'lane names must be unique non-empty strings', {
        metadata: { field: 'lanes' },
      });
    }
    names.add(lane.name);
    if (!Number.isSafeInteger(lane.length) || lane.length < 0) {
      throw laneError('INVALID_ARGUMENT', lane.name, 'length must be a non-negative integer');
    }
    if (!(lane.bound > 0) || !Number.isFinite(lane.bound)) {
      throw laneError('INVALID_ARGUMENT', lane.name, 'bound must be a finite number > 0');
    }
    if (!(lane.scale > 0) || !Number.isFinite(lane.scale)) {
      throw laneError('INVALID_ARGUMENT', lane.name, 'scale must be a finite number > 0');
    }
  }
}

/**
 * Rejects lanes whose decoded sum of `nMax` values could leave the signed
 * 32-bit range: `nMax x bound x scale >= 2^31`. Because stochastic rounding
 * may round up, the check uses the largest encodable magnitude
 * ceil(bound x scale), which equals bound x scale when that is an integer.
 *
 * @throws FedraError `LANE_OVERFLOW` naming the first lane that can overflow;
 *   `INVALID_ARGUMENT` on a malformed lane (bound or scale <= 0, non-integer
 *   length, duplicate name) or nMax not a positive integer.
 */
export function checkLaneOverflow(lanes: readonly LaneSpec[], nMax: number): void {
  validateLanes(lanes);
  if (!Number.isSafeInteger(nMax) || nMax < 1) {
    throw new FedraError('INVALID_ARGUMENT', 'nMax must be a positive integer', {
      metadata: { field: 'nMax' },
    });
  }
  for (const lane of lanes) {
    if (nMax * laneMagnitude(lane) >= TWO_31) {
      throw new FedraError(
        'LANE_OVERFLOW',
        `lane '${lane.name}': nMax x bound x scale = ${nMax} x ${lane.bound} x ${lane.scale} reaches 2^31; lower the bound or the scale`,
        { metadata: { lane: lane.name, nMax: String(nMax) } },
      );
    }
  }
}

/** Total elements of all lanes: the length of an encoded vector. */
export function encodedLength(lanes: readonly LaneSpec[]): number {
  let total = 0;
  for (const lane of lanes) total += lane.length;
  return total;
}

const TWO_NEG_32 = 2 ** -32;

function encodeLane(
  values: Float32Array | readonly number[],
  lane: LaneSpec,
  out: Int32Array,
  at: number,
  rng: UniformSource,
): void {
  const { bound, scale } = lane;
  const negBound = -bound;
  for (let start = 0; start < lane.length; start += PIECE_ELEMENTS) {
    const count = Math.min(PIECE_ELEMENTS, lane.length - start);
    const uniform = rng.next(count);
    if (uniform.length < count) {
      throw new FedraError('INVALID_ARGUMENT', 'the uniform source returned too few words');
    }
    // The loop is branch-free on purpose: a data-dependent branch on the
    // random rounding mispredicts half the time and costs 4x.
    // x - x is 0 for finite x and NaN for NaN, +-Infinity and non-numbers,
    // so `bad` stays 0 exactly when every value in the piece is finite.
    let bad = 0;
    for (let i = 0; i < count; i++) {
      const x = values[start + i] as number;
      bad += x - x;
      const v = Math.min(bound, Math.max(negBound, x)) * scale;
      const floor = Math.floor(v);
      // v - floor is exact and in [0, 1); adding a uniform in [0, 1) and
      // flooring rounds up with probability v - floor (to within 2^-53).
      // The Int32Array store wraps modulo 2^32.
      out[at + i] = floor + Math.floor(v - floor + (uniform[i] as number) * TWO_NEG_32);
    }
    if (bad !== 0) {
      let index = start;
      while (Number.isFinite(values[index])) index++;
      throw new FedraError(
        'NON_FINITE_INPUT',
        `lane '${lane.name}' has a non-finite value at index ${index}`,
        {
          metadata: { lane: lane.name, index: String(index) },
        },
      );
    }
    at += count;
  }
}

/**
 * Clips, scales, rounds stochastically and wraps every lane, concatenated in
 * lane order.
 *
 * @param values one array per lane, in lane order.
 * @param rng uniform words for the rounding; default: AES-CTR under a fresh
 *   random key (a CSPRNG, ~4 GB/s). Pass a seeded {@link MaskStream} for
 *   reproducible tests.
 * @param out where to write (every element is overwritten), e.g. a vector on
 *   a SharedArrayBuffer; default: a new array. Returned.
 * @throws FedraError `VECTOR_LENGTH_MISMATCH` when the lane count or a
 *   lane's length differs from the spec; `NON_FINITE_INPUT` naming lane and
 *   index on NaN or +-Infinity; `LANE_OVERFLOW` when a single value can
 *   reach 2^31; `INVALID_ARGUMENT` on malformed lanes.
 */
export function encodeLanes(
  values: ReadonlyArray<Float32Array | readonly number[]>,
  lanes: readonly LaneSpec[],
  rng: UniformSource = new MaskStream(randomBytes(32)),
  out?: Uint32Array,
): Uint32Array {
  checkLaneOverflow(lanes, 1);
  if (values.length !== lanes.length) {
    throw new FedraError(
      'VECTOR_LENGTH_MISMATCH',
      `expected ${lanes.length} lanes, got ${values.length}`,
      {
        metadata: { expected: String(lanes.length), actual: String(values.length) },
      },
    );
  }
  const total = encodedLength(lanes);
  if (out !== undefined && (!(out instanceof Uint32Array) || out.length !== total)) {
    throw new FedraError(
      'VECTOR_LENGTH_MISMATCH',
      `out must be a Uint32Array of ${total} elements`,
      {
        metadata: { expected: String(total), actual: String((out as { length?: unknown }).length) },
      },
    );
  }
  const vector = out ?? new Uint32Array(total);
  const out32 = new Int32Array(vector.buffer, vector.byteOffset, vector.length);
  let at = 0;
  lanes.forEach((lane, index) => {
    const laneValues = values[index] as Float32Array | readonly number[];
    if (laneValues.length !== lane.length) {
      throw new FedraError(
        'VECTOR_LENGTH_MISMATCH',
        `lane '${lane.name}' has ${laneValues.length} values, expected ${lane.length}`,
        {
          metadata: {
            lane: lane.name,
            expected: String(lane.length),
            actual: String(laneValues.length),
          },
        },
      );
    }
    encodeLane(laneValues, lane, out32, at, rng);
    at += lane.length;
  });
  return vector;
}

/**
 * Decodes a sum of encoded vectors: each word as a signed int32, divided by
 * its lane's scale. Exact when the sum's true value lies in (-2^31, 2^31),
 * which {@link checkLaneOverflow} guarantees for up to nMax summands.
 *
 * @returns one array per lane, in lane order.
 * @throws FedraError `VECTOR_LENGTH_MISMATCH` when `sum` does not have the
 *   lanes' total length.
 */
export function decodeLanes(sum: Uint32Array, lanes: readonly LaneSpec[]): Float64Array[] {
  validateLanes(lanes);
  const total = encodedLength(lanes);
  if (sum.length !== total) {
    throw new FedraError(
      'VECTOR_LENGTH_MISMATCH',
      `encoded sum has ${sum.length} elements, expected ${total}`,
      {
        metadata: { expected: String(total), actual: String(sum.length) },
      },
    );
  }
  const signed = new Int32Array(sum.buffer, sum.byteOffset, sum.length);
  const result: Float64Array[] = [];
  let at = 0;
  for (const lane of lanes) {
    const out = new Float64Array(lane.length);
    const inverse = 1 / lane.scale;
    // Division rounds correctly; multiplying by 1/scale does too, and is
    // faster, only when the scale is a power of two.
    const exactInverse = 2 ** Math.round(Math.log2(lane.scale)) === lane.scale;
    for (let i = 0; i < lane.length; i++) {
      const word = signed[at + i] as number;
      out[i] = exactInverse ? word * inverse : word / lane.scale;
    }
    result.push(out);
    at += lane.length;
  }
  return result;
}

/**
 * The documented bound on quantisation error, per lane in lane order: a
 * decoded sum of `n` encodings differs from the sum of the clipped inputs by
 * less than n / scale in every element (each stochastic rounding moves a
 * value by less than one step 1/scale). A mean over total weight W is within
 * n / (scale x W) of the clipped mean (plus the weight lane's own error).
 *
 * @throws FedraError `INVALID_ARGUMENT` on malformed lanes or n < 1.
 */
export function quantizationErrorBound(lanes: readonly LaneSpec[], n: number): number[] {
  validateLanes(lanes);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new FedraError('INVALID_ARGUMENT', 'n must be a positive integer', {
      metadata: { field: 'n' },
    });
  }
  return lanes.map((lane) => n / lane.scale);
}

/** Largest limb width: a limb lane's bound 2^bits - 1 must leave room for n summands under 2^31. */
export const MAX_LIMB_BITS = 30;

function checkLimbBits(limbBits: number): void {
  if (!Number.isInteger(limbBits) || limbBits < 1 || limbBits > MAX_LIMB_BITS) {
    throw new FedraError(
      'INVALID_ARGUMENT',
      `limbBits must be an integer in [1, ${MAX_LIMB_BITS}]`,
      {
        metadata: { field: 'limbBits' },
      },
    );
  }
}

/**
 * Splits a non-negative integer counter into `limbCount` limbs of
 * `limbBits` bits, least significant first, so a counter too large for one
 * lane travels in several (each a lane element with bound 2^limbBits - 1 and
 * scale 1). Sums of limbs are recombined with {@link joinLimbs}, which
 * handles the carries.
 *
 * @throws FedraError `INVALID_ARGUMENT` on bad arguments; `LANE_OVERFLOW`
 *   when the value needs more than limbBits x limbCount bits.
 */
export function splitIntoLimbs(value: number, limbBits: number, limbCount: number): number[] {
  checkLimbBits(limbBits);
  if (!Number.isSafeInteger(limbCount) || limbCount < 1) {
    throw new FedraError('INVALID_ARGUMENT', 'limbCount must be a positive integer', {
      metadata: { field: 'limbCount' },
    });
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new FedraError('INVALID_ARGUMENT', 'value must be a non-negative safe integer', {
      metadata: { field: 'value' },
    });
  }
  const base = 2 ** limbBits;
  const limbs: number[] = [];
  let rest = value;
  for (let i = 0; i < limbCount; i++) {
    const limb = rest % base;
    limbs.push(limb);
    rest = (rest - limb) / base;
  }
  if (rest !== 0) {
    throw new FedraError('LANE_OVERFLOW', `value needs more than ${limbBits * limbCount} bits`, {
      metadata: { field: 'value', limbBits: String(limbBits), limbCount: String(limbCount) },
    });
  }
  return limbs;
}

/**
 * Recombines limbs (least significant first), possibly sums of limbs that
 * exceed 2^limbBits: the result is sum(limbs[i] x 2^(limbBits x i)).
 *
 * @throws FedraError `INVALID_ARGUMENT` when a limb is not a non-negative
 *   safe integer or the result exceeds 2^53 - 1.
 */
export function joinLimbs(limbs: readonly number[], limbBits: number): number {
  checkLimbBits(limbBits);
  let total = 0n;
  for (let i = limbs.length - 1; i >= 0; i--) {
    const limb = limbs[i] as number;
    if (!Number.isSafeInteger(limb) || limb < 0) {
      throw new FedraError('INVALID_ARGUMENT', `limb ${i} must be a non-negative safe integer`, {
        metadata: { field: 'limbs', index: String(i) },
      });
    }
    total = (total << BigInt(limbBits)) + BigInt(limb);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FedraError('INVALID_ARGUMENT', 'joined limbs exceed 2^53 - 1', {
      metadata: { field: 'limbs' },
    });
  }
  return Number(total);
}
