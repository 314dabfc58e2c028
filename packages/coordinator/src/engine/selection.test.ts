import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParticipantRecord } from '../state/state-types.js';
import { selectParticipants } from './selection.js';

const workers = (region: string, count: number): ParticipantRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    workerId: `${region}-${String(i).padStart(3, '0')}`,
    region,
  }));

describe('selectParticipants', () => {
  it("takes each region's minimum, respects maxima and returns workers sorted by id", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const random = (n: number): number => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state % n;
        };
        const result = selectParticipants({
          candidates: [...workers('eu', 10), ...workers('us', 10), ...workers('ap', 10)],
          target: 8,
          min: 5,
          regions: new Map([
            ['eu', { min: 3, max: 4 }],
            ['us', { min: 0, max: 2 }],
            ['ap', { min: 1, max: 0 }],
          ]),
          onlyListedRegions: true,
          random,
        });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const count = (region: string) =>
          result.participants.filter((p) => p.region === region).length;
        expect(result.participants).toHaveLength(8);
        expect(count('eu')).toBeGreaterThanOrEqual(3);
        expect(count('eu')).toBeLessThanOrEqual(4);
        expect(count('us')).toBeLessThanOrEqual(2);
        expect(count('ap')).toBeGreaterThanOrEqual(1);
        const ids = result.participants.map((p) => p.workerId);
        expect([...ids].sort()).toEqual(ids);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it("refuses when a region's minimum or the overall minimum cannot be met", () => {
    const short = selectParticipants({
      candidates: workers('eu', 2),
      target: 5,
      min: 3,
      regions: new Map(),
      onlyListedRegions: false,
    });
    expect(short).toMatchObject({ ok: false });
    const region = selectParticipants({
      candidates: [...workers('eu', 5), ...workers('us', 1)],
      target: 5,
      min: 3,
      regions: new Map([
        ['eu', { min: 0, max: 0 }],
        ['us', { min: 2, max: 0 }],
      ]),
      onlyListedRegions: true,
    });
    expect(region).toMatchObject({ ok: false, reason: expect.stringContaining('us') as unknown });
  });

  it('leaves out regions the quotas do not list when told to', () => {
    const result = selectParticipants({
      candidates: [...workers('eu', 3), ...workers('us', 3)],
      target: 6,
      min: 3,
      regions: new Map([['eu', { min: 0, max: 0 }]]),
      onlyListedRegions: true,
    });
    expect(result.ok && result.participants.every((p) => p.region === 'eu')).toBe(true);
  });
});
