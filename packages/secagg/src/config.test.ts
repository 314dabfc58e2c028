import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  chooseSecAggParams,
  createSecAggConfig,
  maxNeighbourDegree,
  secAggConfigFromJSON,
  secAggConfigToJSON,
} from './config.js';
import type { SecAggConfigInit, SecAggConfigJSON } from './config.js';
import { SecAggProtocolError } from './errors.js';

function init(overrides: Partial<SecAggConfigInit> = {}): SecAggConfigInit {
  return {
    experimentId: 'exp',
    roundNumber: 3,
    attempt: 2,
    participants: ['a', 'b', 'c', 'd', 'e', 'f'],
    k: 4,
    t: 3,
    graphSeed: randomBytes(32),
    configHash: randomBytes(32),
    lanes: [
      { name: 'delta', length: 10, bound: 1, scale: 1024 },
      { name: 'weight', length: 1, bound: 100, scale: 1 },
    ],
    ...overrides,
  };
}

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(SecAggProtocolError);
    expect((e as SecAggProtocolError).code).toBe('INVALID_ARGUMENT');
    expect((e as SecAggProtocolError).stage).toBe('config');
    return (e as SecAggProtocolError).metadata['field'];
  }
  throw new Error('expected an error');
}

describe('createSecAggConfig', () => {
  it('fills defaults, sums the lanes and freezes the result', () => {
    const config = createSecAggConfig(init());
    expect(config.vectorLength).toBe(11);
    expect(config.nMax).toBe(6);
    expect(config.protocolVersion).toBe(1);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.participants)).toBe(true);
    expect(Object.isFrozen(config.lanes[0])).toBe(true);
  });

  it('copies the byte fields so later changes by the caller do not leak in', () => {
    const seed = randomBytes(32);
    const config = createSecAggConfig(init({ graphSeed: seed }));
    seed.fill(0);
    expect(config.graphSeed.some((b) => b !== 0)).toBe(true);
  });

  it('names the offending field', () => {
    expect(fieldOf(() => createSecAggConfig(init({ participants: ['b', 'a', 'c'] })))).toBe(
      'participants',
    );
    expect(fieldOf(() => createSecAggConfig(init({ participants: ['a', 'a', 'c'] })))).toBe(
      'participants',
    );
    expect(fieldOf(() => createSecAggConfig(init({ participants: ['a', 'b'], k: 1, t: 2 })))).toBe(
      'participants',
    );
    expect(fieldOf(() => createSecAggConfig(init({ participants: ['a', 'b', '\uD800'] })))).toBe(
      'participants',
    );
    expect(fieldOf(() => createSecAggConfig(init({ k: 6 })))).toBe('k');
    expect(fieldOf(() => createSecAggConfig(init({ t: 5 })))).toBe('t');
    expect(fieldOf(() => createSecAggConfig(init({ t: 1 })))).toBe('t');
    expect(fieldOf(() => createSecAggConfig(init({ t: 2 })))).toBe('t'); // 2 <= 4/2
    expect(fieldOf(() => createSecAggConfig(init({ graphSeed: randomBytes(16) })))).toBe(
      'graphSeed',
    );
    expect(fieldOf(() => createSecAggConfig(init({ configHash: randomBytes(31) })))).toBe(
      'configHash',
    );
    expect(fieldOf(() => createSecAggConfig(init({ roundNumber: 0 })))).toBe('roundNumber');
    expect(fieldOf(() => createSecAggConfig(init({ attempt: 1.5 })))).toBe('attempt');
    expect(fieldOf(() => createSecAggConfig(init({ protocolVersion: 2 })))).toBe('protocolVersion');
    expect(fieldOf(() => createSecAggConfig(init({ suite: 'other' })))).toBe('suite');
    expect(fieldOf(() => createSecAggConfig(init({ nMax: 5 })))).toBe('nMax');
    expect(fieldOf(() => createSecAggConfig(init({ lanes: [] })))).toBe('lanes');
    expect(fieldOf(() => createSecAggConfig(init({ experimentId: '' })))).toBe('experimentId');
  });

  it('requires t above half of the largest degree (one vertex has k + 1 when n·k is odd)', () => {
    const participants = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(maxNeighbourDegree(7, 3)).toBe(4);
    expect(fieldOf(() => createSecAggConfig(init({ participants, k: 3, t: 2 })))).toBe('t');
    expect(createSecAggConfig(init({ participants, k: 3, t: 3 })).t).toBe(3);
  });

  it('rejects a lane that can overflow at nMax, naming the lane', () => {
    const lanes = [{ name: 'loss', length: 1, bound: 1000, scale: 2 ** 16 }];
    // 6 x 1000 x 65536 < 2^31 is fine; 40 x 1000 x 65536 is not.
    expect(createSecAggConfig(init({ lanes })).nMax).toBe(6);
    let error: unknown;
    try {
      createSecAggConfig(init({ lanes, nMax: 40 }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('LANE_OVERFLOW');
    expect((error as FedraError).metadata['lane']).toBe('loss');
  });

  it('round-trips through JSON', () => {
    const config = createSecAggConfig(init());
    const back = secAggConfigFromJSON(
      JSON.parse(JSON.stringify(secAggConfigToJSON(config))) as SecAggConfigJSON,
    );
    expect(back).toEqual(config);
  });
});

describe('chooseSecAggParams', () => {
  it('uses classic SecAgg for small cohorts and a logarithmic degree for large ones', () => {
    expect(chooseSecAggParams({ n: 8, dropoutRate: 0 })).toMatchObject({ k: 7, t: 4 });
    const large = chooseSecAggParams({ n: 1000, dropoutRate: 0.1 });
    expect(large.k % 2).toBe(0);
    expect(large.k).toBeLessThan(100);
    expect(large.k).toBeGreaterThanOrEqual(30);
    expect(large.abortProbability).toBeLessThanOrEqual(1e-4);
  });

  it('raises t with the colluding fraction', () => {
    const honest = chooseSecAggParams({ n: 200, dropoutRate: 0.05 });
    const colluding = chooseSecAggParams({ n: 200, dropoutRate: 0.05, colludingFraction: 0.2 });
    expect(colluding.t / colluding.k).toBeGreaterThan(honest.t / honest.k);
  });

  it('rejects impossible combinations with a clear error', () => {
    expect(() => chooseSecAggParams({ n: 100, dropoutRate: 0.6 })).toThrow(/dropout/);
    expect(() => chooseSecAggParams({ n: 2, dropoutRate: 0 })).toThrow(FedraError);
    expect(() => chooseSecAggParams({ n: 10, dropoutRate: 1 })).toThrow(FedraError);
  });

  it('always returns a (k, t) the config accepts and that meets the stated rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 600 }),
        fc.double({ min: 0, max: 0.35, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (n, dropoutRate, colludingFraction) => {
          let params: ReturnType<typeof chooseSecAggParams>;
          try {
            params = chooseSecAggParams({ n, dropoutRate, colludingFraction });
          } catch (e) {
            expect((e as FedraError).code).toBe('INVALID_ARGUMENT');
            return;
          }
          const { k, t } = params;
          const d = maxNeighbourDegree(n, k);
          expect(k).toBeLessThanOrEqual(n - 1);
          expect(t).toBeGreaterThanOrEqual(2);
          expect(t).toBeLessThanOrEqual(k);
          expect(t).toBeGreaterThan((d + colludingFraction * d) / 2);
          expect(t).toBeLessThanOrEqual(Math.floor((1 - dropoutRate) * k + 1e-9));
          const participants = Array.from(
            { length: n },
            (_, i) => `w${String(i).padStart(4, '0')}`,
          );
          expect(createSecAggConfig(init({ participants, k, t })).k).toBe(k);
        },
      ),
      { numRuns: 200 },
    );
  });
});
