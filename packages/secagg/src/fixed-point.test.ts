import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  checkLaneOverflow,
  decodeLanes,
  encodedLength,
  encodeLanes,
  joinLimbs,
  quantizationErrorBound,
  splitIntoLimbs,
} from './fixed-point.js';
import type { LaneSpec } from './fixed-point.js';
import { MaskStream } from './mask-prg.js';
import { addInto } from './vector-math.js';

const seeded = (byte: number): MaskStream => new MaskStream(new Uint8Array(32).fill(byte));

function codeOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FedraError);
    return (error as FedraError).code;
  }
  throw new Error('expected a FedraError');
}

describe('fixed-point lanes', () => {
  it('round-trips one vector within 1/scale per element, in lane order', () => {
    const lanes: LaneSpec[] = [
      { name: 'delta', length: 5, bound: 1, scale: 2 ** 16 },
      { name: 'weight', length: 1, bound: 1000, scale: 100 },
      { name: 'loss', length: 2, bound: 50, scale: 1000 },
    ];
    const values = [
      Float32Array.of(0.5, -0.25, 0.1234567, -0.9999, 0),
      [123.456],
      [3.14159, -2.71828],
    ];
    const encoded = encodeLanes(values, lanes, seeded(1));
    expect(encoded).toHaveLength(encodedLength(lanes));
    const decoded = decodeLanes(encoded, lanes);
    decoded.forEach((lane, l) => {
      const spec = lanes[l] as LaneSpec;
      lane.forEach((value, i) => {
        expect(Math.abs(value - Number(values[l]?.[i]))).toBeLessThan(1 / spec.scale);
      });
    });
    // Negative values wrap modulo 2^32 and decode signed.
    expect(encoded[1]).toBeGreaterThan(2 ** 31);
    // Into a caller's (shared, dirty) array: every element overwritten, the same words.
    const out = new Uint32Array(new SharedArrayBuffer(encodedLength(lanes) * 4)).fill(7);
    expect(encodeLanes(values, lanes, seeded(1), out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(encoded));
    expect(codeOf(() => encodeLanes(values, lanes, seeded(1), new Uint32Array(3)))).toBe(
      'VECTOR_LENGTH_MISMATCH',
    );
  });

  it('clips to [-bound, bound]', () => {
    const lanes: LaneSpec[] = [{ name: 'delta', length: 4, bound: 2, scale: 1024 }];
    const [decoded] = decodeLanes(encodeLanes([[5, -7, 2, 1e30]], lanes), lanes);
    expect(Array.from(decoded ?? [])).toEqual([2, -2, 2, 2]);
  });

  it('rounds stochastically without bias (|mean error| < 5 sigma)', () => {
    const scale = 2 ** 20;
    const count = 200_000;
    for (const [target, rng] of [
      [0.3, seeded(7)],
      [-0.3, seeded(9)],
      [0.3, undefined],
    ] as const) {
      const lanes: LaneSpec[] = [{ name: 'delta', length: count, bound: 1, scale }];
      const values = new Float64Array(count).fill(target / scale);
      const encoded = new Int32Array(encodeLanes([Array.from(values)], lanes, rng).buffer);
      let sum = 0;
      let offGrid = 0;
      for (const step of encoded) {
        if (step !== Math.floor(target) && step !== Math.ceil(target)) offGrid++;
        sum += step - target;
      }
      expect(offGrid).toBe(0);
      // Each step is Bernoulli(0.3) around 0.3 (or its negative): sd sqrt(0.21).
      const sigma = Math.sqrt(0.21 / count);
      expect(Math.abs(sum / count)).toBeLessThan(5 * sigma);
    }
  });

  it('decodes sums of n encodings within n/scale of the float sum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(1, 0.5, 4),
        fc.constantFrom(2 ** 10, 1000, 2 ** 20),
        fc.integer(),
        (n, length, bound, scale, seed) => {
          const lanes: LaneSpec[] = [
            { name: 'delta', length, bound, scale },
            { name: 'weight', length: 1, bound: 100, scale: 16 },
          ];
          checkLaneOverflow(lanes, n);
          const rng = seeded(seed & 0xff);
          const sum = new Uint32Array(encodedLength(lanes));
          const expected = new Float64Array(length);
          let weights = 0;
          for (let p = 0; p < n; p++) {
            const delta = Float32Array.from(
              { length },
              (_, i) => Math.sin(seed + p * 31 + i) * bound * 1.5,
            );
            const weight = ((p * 37 + seed) % 100) + 0.5;
            delta.forEach((x, i) => {
              expected[i] = (expected[i] ?? 0) + Math.min(bound, Math.max(-bound, x));
            });
            weights += weight;
            addInto(sum, encodeLanes([delta, [weight]], lanes, rng));
          }
          const [decoded, weight] = decodeLanes(sum, lanes) as [Float64Array, Float64Array];
          const [deltaBound, weightBound] = quantizationErrorBound(lanes, n) as [number, number];
          expect(deltaBound).toBe(n / scale);
          decoded.forEach((value, i) => {
            expect(Math.abs(value - (expected[i] ?? 0))).toBeLessThanOrEqual(deltaBound + 1e-9);
          });
          expect(Math.abs((weight[0] ?? 0) - weights)).toBeLessThanOrEqual(weightBound + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects NaN and Infinity naming lane and index', () => {
    const lanes: LaneSpec[] = [
      { name: 'delta', length: 3, bound: 1, scale: 8 },
      { name: 'loss', length: 20_000, bound: 1, scale: 8 },
    ];
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const loss = new Float32Array(20_000);
      loss[17_000] = bad;
      try {
        encodeLanes([[0, 0, 0], loss], lanes);
        expect.unreachable();
      } catch (error) {
        expect((error as FedraError).code).toBe('NON_FINITE_INPUT');
        expect((error as FedraError).metadata).toEqual({ lane: 'loss', index: '17000' });
      }
    }
    expect(codeOf(() => encodeLanes([[0, Number.NaN, 0], new Float32Array(20_000)], lanes))).toBe(
      'NON_FINITE_INPUT',
    );
  });

  it('rejects wrong lane counts and lengths', () => {
    const lanes: LaneSpec[] = [{ name: 'delta', length: 3, bound: 1, scale: 8 }];
    expect(codeOf(() => encodeLanes([[0, 0]], lanes))).toBe('VECTOR_LENGTH_MISMATCH');
    expect(codeOf(() => encodeLanes([], lanes))).toBe('VECTOR_LENGTH_MISMATCH');
    expect(codeOf(() => decodeLanes(new Uint32Array(4), lanes))).toBe('VECTOR_LENGTH_MISMATCH');
  });

  it('rejects n_max x bound x scale >= 2^31 and accepts just below', () => {
    const lane = (bound: number, scale: number): LaneSpec[] => [
      { name: 'ok', length: 1, bound: 1, scale: 1 },
      { name: 'weight', length: 1, bound, scale },
    ];
    expect(() => {
      checkLaneOverflow(lane(1, 2 ** 30), 1);
    }).not.toThrow();
    expect(() => {
      checkLaneOverflow(lane(1, 2 ** 30 - 1), 2);
    }).not.toThrow();
    expect(() => {
      checkLaneOverflow(lane(2 ** 31 - 1, 1), 1);
    }).not.toThrow();
    expect(() => {
      checkLaneOverflow(lane(10, 2 ** 20), 204);
    }).not.toThrow();
    try {
      checkLaneOverflow(lane(1, 2 ** 30), 2);
      expect.unreachable();
    } catch (error) {
      expect((error as FedraError).code).toBe('LANE_OVERFLOW');
      expect((error as FedraError).metadata['lane']).toBe('weight');
    }
    expect(
      codeOf(() => {
        checkLaneOverflow(lane(2 ** 31, 1), 1);
      }),
    ).toBe('LANE_OVERFLOW');
    expect(
      codeOf(() => {
        checkLaneOverflow(lane(10, 2 ** 20), 205);
      }),
    ).toBe('LANE_OVERFLOW');
    // Stochastic rounding can reach ceil(bound x scale).
    expect(
      codeOf(() => {
        checkLaneOverflow(lane(1, 2 ** 31 - 0.5), 1);
      }),
    ).toBe('LANE_OVERFLOW');
    expect(codeOf(() => encodeLanes([[0], [0]], lane(1, 2 ** 31)))).toBe('LANE_OVERFLOW');
  });

  it('rejects malformed lanes', () => {
    const bad: LaneSpec[][] = [
      [{ name: 'a', length: 1, bound: 0, scale: 1 }],
      [{ name: 'a', length: 1, bound: 1, scale: -1 }],
      [{ name: 'a', length: 1, bound: Number.NaN, scale: 1 }],
      [{ name: 'a', length: 1.5, bound: 1, scale: 1 }],
      [
        { name: 'a', length: 1, bound: 1, scale: 1 },
        { name: 'a', length: 1, bound: 1, scale: 1 },
      ],
    ];
    for (const lanes of bad)
      expect(
        codeOf(() => {
          checkLaneOverflow(lanes, 1);
        }),
      ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => {
        checkLaneOverflow([], 0);
      }),
    ).toBe('INVALID_ARGUMENT');
  });

  it('splits counters into limbs and joins sums of limbs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 8, max: 30 }),
        (values, limbBits) => {
          const limbCount = Math.ceil(53 / limbBits);
          const limbs = values.map((v) => splitIntoLimbs(v, limbBits, limbCount));
          for (const [i, split] of limbs.entries()) {
            expect(split).toHaveLength(limbCount);
            for (const limb of split) expect(limb).toBeLessThan(2 ** limbBits);
            expect(joinLimbs(split, limbBits)).toBe(values[i]);
          }
          // Limb-wise sums carry correctly when joined.
          const summed = Array.from({ length: limbCount }, (_, j) =>
            limbs.reduce((acc, l) => acc + (l[j] ?? 0), 0),
          );
          const total = values.reduce((acc, v) => acc + BigInt(v), 0n);
          if (total <= BigInt(Number.MAX_SAFE_INTEGER))
            expect(joinLimbs(summed, limbBits)).toBe(Number(total));
          else expect(codeOf(() => joinLimbs(summed, limbBits))).toBe('INVALID_ARGUMENT');
        },
      ),
    );
  });

  it('rejects counters that do not fit their limbs', () => {
    expect(splitIntoLimbs(2 ** 20 - 1, 10, 2)).toEqual([1023, 1023]);
    expect(codeOf(() => splitIntoLimbs(2 ** 20, 10, 2))).toBe('LANE_OVERFLOW');
    expect(codeOf(() => splitIntoLimbs(-1, 10, 2))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => splitIntoLimbs(1, 31, 2))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => joinLimbs([1.5], 10))).toBe('INVALID_ARGUMENT');
  });
});
