import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { applyMaskPlan, createSimulatedCohort, simulateRound } from '@fedra/secagg';
import type { MaskPlan } from '@fedra/secagg';
import { createSharedSum, UnmaskPool } from './unmask-pool.js';

function randomPlan(vectorLength: number, masks: number): MaskPlan {
  return {
    vectorLength,
    masks: Array.from({ length: masks }, (_, i) => ({
      key: new Uint8Array(randomBytes(32)),
      sign: i % 2 === 0 ? (1 as const) : (-1 as const),
    })),
    selfMasks: 0,
  };
}

function randomVector(length: number): Uint32Array {
  const bytes = randomBytes(length * 4);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, length).slice();
}

describe('UnmaskPool', () => {
  let pool: UnmaskPool;

  beforeAll(async () => {
    // Three threads and slices of 8 elements: small vectors still split.
    pool = await UnmaskPool.create({ threads: 3, sliceAlignment: 8 });
  });

  afterAll(async () => {
    await pool.close();
  });

  it('equals applyMaskPlan on one thread bit for bit, for any length and slicing', async () => {
    expect(pool.threads).toBe(3);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        async (length, masks, shared) => {
          const plan = randomPlan(length, masks);
          const original = randomVector(length);
          const expected = original.slice();
          applyMaskPlan(plan, expected, 0);
          const sum = shared ? createSharedSum(length) : new Uint32Array(length);
          sum.set(original);
          await pool.apply(plan, sum);
          expect(Buffer.from(sum.buffer, sum.byteOffset, sum.byteLength)).toEqual(
            Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("unmasks a simulated round's sum exactly as the session does on one thread", async () => {
    const lanes = [
      { name: 'delta', length: 100, bound: 1, scale: 2 ** 16 },
      { name: 'weight', length: 1, bound: 100, scale: 1 },
    ];
    const cohort = createSimulatedCohort({ participants: 6, k: 5, t: 3, lanes });
    const encoded = new Map(
      cohort.config.participants.map((id, i) => {
        const input = new Uint32Array(cohort.config.vectorLength);
        for (let j = 0; j < input.length; j++) input[j] = (i * 7919 + j * 104_729) >>> 0;
        return [id, { encoded: input }];
      }),
    );
    const { aggregator } = cohort;
    const finish = aggregator.finish.bind(aggregator);
    let singleThread: Uint32Array | undefined;
    // The session's own finish, with the pool as applyPlan; the same plan is
    // applied to a copy of the masked sum on this thread for comparison.
    aggregator.finish = () =>
      finish({
        applyPlan: async (plan, sum) => {
          singleThread = sum.slice();
          applyMaskPlan(plan, singleThread, 0);
          await pool.apply(plan, sum);
        },
      });
    const outcome = await simulateRound(cohort, {
      inputs: encoded,
      dropouts: new Map([['p002', 'after-share-keys']]),
    });
    const result = outcome.result;
    expect(outcome.error).toBeUndefined();
    expect(result?.survivors).toEqual(['p000', 'p001', 'p003', 'p004', 'p005']);
    expect(singleThread).toBeDefined();
    expect(Array.from(result?.sum ?? [])).toEqual(Array.from(singleThread ?? []));
    // And the unmasked sum is the survivors' plain sum.
    const plain = new Uint32Array(cohort.config.vectorLength);
    for (const id of result?.survivors ?? []) {
      const input = encoded.get(id)?.encoded ?? new Uint32Array(0);
      for (let j = 0; j < plain.length; j++) plain[j] = ((plain[j] ?? 0) + (input[j] ?? 0)) >>> 0;
    }
    expect(Array.from(result?.sum ?? [])).toEqual(Array.from(plain));
  });

  it("refuses a sum of another length, passes a thread's error on, and keeps working", async () => {
    const plan = randomPlan(16, 2);
    await expect(pool.apply(plan, new Uint32Array(15))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    // A 16-byte key: each thread's applyMaskPlan refuses it.
    const badKey: MaskPlan = { ...plan, masks: [{ key: new Uint8Array(16), sign: 1 }] };
    await expect(pool.apply(badKey, createSharedSum(16))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const sum = createSharedSum(16);
    await pool.apply(plan, sum);
    const expected = new Uint32Array(16);
    applyMaskPlan(plan, expected, 0);
    expect(Array.from(sum)).toEqual(Array.from(expected));
  });

  it('refuses work once closed', async () => {
    const closing = await UnmaskPool.create({ threads: 1 });
    await closing.close();
    const error: unknown = await closing.apply(randomPlan(4, 1), new Uint32Array(4)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('UNAVAILABLE');
  });
});
