import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecAggConfig } from './config.js';
import { generateX25519KeyPair } from './key-agreement.js';
import { applyMaskPlan, pairMaskKeyFromKeys, pairMaskSign, selfMaskKey } from './mask-plan.js';
import type { MaskPlan } from './mask-plan.js';

function config(attempt = 1) {
  return createSecAggConfig({
    experimentId: 'e',
    roundNumber: 1,
    attempt,
    participants: ['a', 'b', 'c'],
    k: 2,
    t: 2,
    graphSeed: new Uint8Array(32),
    configHash: new Uint8Array(32),
    lanes: [{ name: 'x', length: 4, bound: 1, scale: 1 }],
  });
}

describe('mask keys', () => {
  it('derive the same pairwise key at both ends, with opposite signs', () => {
    const a = generateX25519KeyPair();
    const b = generateX25519KeyPair();
    const c = config();
    expect(pairMaskKeyFromKeys(c, 'a', a.secretKey, 'b', b.publicKey)).toEqual(
      pairMaskKeyFromKeys(c, 'b', b.secretKey, 'a', a.publicKey),
    );
    expect(pairMaskSign('a', 'b')).toBe(1);
    expect(pairMaskSign('b', 'a')).toBe(-1);
  });

  it('bind the owner and the attempt', () => {
    const seed = randomBytes(32);
    expect(selfMaskKey(config(), 'a', seed)).not.toEqual(selfMaskKey(config(), 'b', seed));
    expect(selfMaskKey(config(1), 'a', seed)).not.toEqual(selfMaskKey(config(2), 'a', seed));
  });
});

describe('applyMaskPlan', () => {
  it('gives the same result applied whole or in any slices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70_000 }),
        fc.array(fc.integer({ min: 0, max: 70_000 }), { maxLength: 4 }),
        (length, cuts) => {
          const plan: MaskPlan = {
            vectorLength: length,
            masks: [
              { key: randomBytes(32), sign: 1 },
              { key: randomBytes(32), sign: -1 },
            ],
            selfMasks: 1,
          };
          const whole = new Uint32Array(length);
          applyMaskPlan(plan, whole, 0);
          const sliced = new Uint32Array(length);
          const points = [0, ...cuts.map((c) => c % (length + 1)).sort((x, y) => x - y), length];
          for (let i = 0; i + 1 < points.length; i++) {
            const start = points[i] as number;
            const end = points[i + 1] as number;
            applyMaskPlan(plan, sliced.subarray(start, end), start);
          }
          expect(sliced).toEqual(whole);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses a slice outside the vector', () => {
    const plan: MaskPlan = { vectorLength: 4, masks: [], selfMasks: 0 };
    expect(() => {
      applyMaskPlan(plan, new Uint32Array(3), 2);
    }).toThrow(/outside/);
  });
});
