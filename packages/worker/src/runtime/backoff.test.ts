import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles the ceiling up to the maximum and resets', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(() => backoff.next())).toEqual([99, 199, 399, 799, 999]);
    expect(backoff.failures).toBe(5);
    backoff.reset();
    expect(backoff.next()).toBe(99);
  });

  it('stays within [0, ceiling] for any random source', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.nat(60),
        (r, n) => {
          const backoff = new Backoff({ initialMs: 50, maxMs: 5000, random: () => r });
          let delay = 0;
          for (let i = 0; i <= n; i += 1) delay = backoff.next();
          return delay >= 0 && delay <= Math.min(5000, 50 * 2 ** n);
        },
      ),
    );
  });

  it('refuses bounds that contradict each other', () => {
    expect(() => new Backoff({ initialMs: 0 })).toThrow(/initialMs/);
    expect(() => new Backoff({ initialMs: 10, maxMs: 5 })).toThrow(/maxMs/);
  });
});
