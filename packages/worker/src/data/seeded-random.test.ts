import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, permutation } from './seeded-random.js';

describe('createRng / permutation', () => {
  it('yields numbers in [0, 1) that repeat for the same seed only', () => {
    const a = createRng(5);
    const b = createRng(5);
    const c = createRng(6);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
  });

  it('permutes 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.nat(), (n, seed) => {
        const order = Array.from(permutation(n, createRng(seed)));
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('shuffles: a long permutation is not the identity', () => {
    const order = permutation(1000, createRng(1));
    let fixed = 0;
    order.forEach((v, i) => {
      if (v === i) fixed++;
    });
    expect(fixed).toBeLessThan(20);
  });
});
