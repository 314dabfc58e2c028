import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { combineShares, SHAMIR_MAX_SHARES, splitSecret } from './shamir.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FedraError);
    return (error as FedraError).code;
  }
  throw new Error('expected a FedraError');
}

function pick<T>(items: readonly T[], count: number, seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

describe('Shamir secret sharing', () => {
  it('rebuilds from any t of n shares and not from t - 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 40 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n }), fc.integer())),
        async ([n, t, seed]) => {
          const secret = Uint8Array.from(randomBytes(32));
          const shares = await splitSecret(secret, n, t);
          expect(shares).toHaveLength(n);
          for (const share of shares) expect(share).toHaveLength(33);
          const subset = pick(shares, t, seed);
          expect(toHex(await combineShares(subset))).toBe(toHex(secret));
          if (t >= 3) {
            // t - 1 shares interpolate a different polynomial: a wrong value
            // (equal with probability 2^-256).
            expect(toHex(await combineShares(subset.slice(1)))).not.toBe(toHex(secret));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles the maximum share count and Buffer inputs', async () => {
    const secret = randomBytes(32);
    const shares = await splitSecret(secret, SHAMIR_MAX_SHARES, 3);
    expect(shares).toHaveLength(255);
    const rebuilt = await combineShares(shares.slice(100, 103).map((s) => Buffer.from(s)));
    expect(toHex(rebuilt)).toBe(secret.toString('hex'));
  });

  it('rejects counts out of range', async () => {
    const secret = randomBytes(32);
    expect(await errorCode(splitSecret(secret, 256, 2))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(splitSecret(secret, 1, 1))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(splitSecret(secret, 5, 1))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(splitSecret(secret, 5, 6))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(splitSecret(secret, 5.5, 2))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(splitSecret(new Uint8Array(0), 5, 2))).toBe('INVALID_ARGUMENT');
    const shares = await splitSecret(secret, 3, 2);
    expect(await errorCode(combineShares(shares.slice(0, 1)))).toBe('INVALID_ARGUMENT');
    expect(await errorCode(combineShares([]))).toBe('INVALID_ARGUMENT');
  });

  it('rejects malformed share sets with SECAGG_BAD_SHARE', async () => {
    const shares = await splitSecret(randomBytes(32), 4, 2);
    const [a, b] = shares as [Uint8Array, Uint8Array];
    expect(await errorCode(combineShares([a, a]))).toBe('SECAGG_BAD_SHARE');
    expect(await errorCode(combineShares([a, b.subarray(1)]))).toBe('SECAGG_BAD_SHARE');
    const zeroX = Uint8Array.from(b);
    zeroX[zeroX.length - 1] = 0;
    expect(await errorCode(combineShares([a, zeroX]))).toBe('SECAGG_BAD_SHARE');
  });
});
