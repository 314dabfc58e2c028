import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AggregatorSession } from './aggregator-session.js';
import type { AggregatorSnapshot } from './aggregator-session.js';
import { maxNeighbourDegree } from './config.js';
import { SecAggAbortedError } from './errors.js';
import { encodeLanes, quantizationErrorBound } from './fixed-point.js';
import type { LaneSpec } from './fixed-point.js';
import { MaskStream } from './mask-prg.js';
import { neighbourGraph } from './neighbours.js';
import { ParticipantSession } from './participant-session.js';
import type { MaskInput, ParticipantSnapshot } from './participant-session.js';
import { RevealRecord } from './reveal-record.js';
import type { RevealRecordJSON } from './reveal-record.js';
import { createSimulatedCohort, simulateRound, simulatedIds } from './simulation.js';
import type { SimulatedDropStage } from './simulation.js';

const DROP_STAGES: ReadonlyArray<SimulatedDropStage | undefined> = [
  'before-setup',
  'after-setup',
  'after-share-keys',
  'after-masked',
  'after-consistency',
];

/** A random valid (n, k, t), lanes, dropouts and inputs. */
const scenario = fc
  .integer({ min: 3, max: 60 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      k: fc.integer({ min: 2, max: n - 1 }),
      tPick: fc.double({ min: 0, max: 1, noNaN: true }),
      laneLengths: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }),
      scaleBits: fc.integer({ min: 4, max: 16 }),
      dropRate: fc.constantFrom(0, 0.05, 0.15, 0.3),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      chunk: fc.integer({ min: 1, max: 64 }),
    }),
  )
  .map((s) => {
    const degree = maxNeighbourDegree(s.n, s.k);
    const tMin = Math.floor(degree / 2) + 1;
    const t = Math.min(s.k, tMin + Math.floor(s.tPick * (s.k - tMin + 1)));
    return { ...s, t };
  })
  .filter((s) => s.t >= 2 && s.t <= s.k && 2 * s.t > maxNeighbourDegree(s.n, s.k));

/** A small deterministic PRNG for the scenario's choices (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The survival rule, computed from first principles for honest participants. */
function model(
  ids: readonly string[],
  graph: ReadonlyMap<string, readonly string[]>,
  t: number,
  drops: ReadonlyMap<string, SimulatedDropStage>,
) {
  const at = (id: string, stage: SimulatedDropStage) => drops.get(id) === stage;
  const nb = (id: string) => graph.get(id) ?? [];
  const u1 = ids.filter((id) => !at(id, 'before-setup'));
  const s1 = new Set(u1);
  const u2 = u1.filter(
    (id) => !at(id, 'after-setup') && nb(id).filter((v) => s1.has(v)).length >= t,
  );
  const s2 = new Set(u2);
  const maskSet = new Map(u2.map((id) => [id, nb(id).filter((v) => s2.has(v))]));
  const u3 = u2.filter((id) => !at(id, 'after-share-keys') && (maskSet.get(id) ?? []).length >= t);
  const s3 = new Set(u3);
  const u4 = u3.filter(
    (id) => !at(id, 'after-masked') && (maskSet.get(id) ?? []).filter((v) => s3.has(v)).length >= t,
  );
  const u5 = u4.filter((id) => !at(id, 'after-consistency'));
  const needed = u2.filter((d) => !s3.has(d) && u3.some((z) => maskSet.get(z)?.includes(d)));
  const holders = (owner: string) => u5.filter((v) => maskSet.get(v)?.includes(owner)).length;
  const missing = [
    ...u3.filter((u) => holders(u) < t).map((u) => `b(${u})`),
    ...needed.filter((d) => holders(d) < t).map((d) => `sk(${d})`),
  ];
  return { u1, u2, u3, u4, survives: u3.length > 0 && missing.length === 0 };
}

describe('SecAgg+ protocol (property)', () => {
  it('sums exactly when every secret survives, aborts cleanly otherwise, and never reveals both secrets', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const rand = prng(s.seed);
        const lanes: LaneSpec[] = [
          { name: 'delta', length: s.laneLengths[0] ?? 1, bound: 1, scale: 2 ** s.scaleBits },
          { name: 'weight', length: 1, bound: 16, scale: 1 },
          ...s.laneLengths.slice(1).map((length, i) => ({
            name: `extra${i}`,
            length,
            bound: 100,
            scale: 2 ** 8,
          })),
        ];
        const ids = simulatedIds(s.n);
        const graphSeed = randomBytes(32);
        const cohort = createSimulatedCohort({
          participants: ids,
          k: s.k,
          t: s.t,
          lanes,
          graphSeed,
        });
        const drops = new Map<string, SimulatedDropStage>();
        for (const id of ids) {
          if (rand() < s.dropRate) {
            const stage = DROP_STAGES[Math.floor(rand() * DROP_STAGES.length)];
            if (stage !== undefined) drops.set(id, stage);
          }
        }

        // Inputs: float lanes, encoded inside the session with a seeded
        // rounding stream, so the test can encode the same values itself.
        const inputs = new Map<string, MaskInput>();
        const values = new Map<string, number[][]>();
        const encoded = new Map<string, Uint32Array>();
        for (const id of ids) {
          const weight = 1 + Math.floor(rand() * 10);
          const v: number[][] = lanes.map((lane) =>
            lane.name === 'weight'
              ? [weight]
              : Array.from({ length: lane.length }, () => (rand() * 2 - 1) * lane.bound),
          );
          const rngKey = randomBytes(32);
          values.set(id, v);
          encoded.set(id, encodeLanes(v, lanes, new MaskStream(rngKey)));
          inputs.set(id, { values: v, rng: new MaskStream(rngKey) });
        }

        const outcome = await simulateRound(cohort, {
          inputs,
          dropouts: drops,
          chunkElements: s.chunk,
        });
        const expected = model(ids, neighbourGraph(ids, s.k, graphSeed), s.t, drops);
        const agg = cohort.aggregator;

        // The aggregator never learns both secrets of anyone, and never asks for both.
        for (const [, count] of agg.revealedShareCounts()) {
          expect(count.b === 0 || count.sk === 0).toBe(true);
          expect(count.b >= s.t && count.sk >= s.t).toBe(false);
        }
        const bAsked = new Set(outcome.unmaskRequests.flatMap((r) => r.bOwners));
        for (const r of outcome.unmaskRequests) {
          for (const owner of r.skOwners) expect(bAsked.has(owner)).toBe(false);
        }

        if (!expected.survives) {
          expect(outcome.result).toBeUndefined();
          expect(outcome.error).toBeInstanceOf(SecAggAbortedError);
          expect(outcome.error?.code).toBe('SECAGG_ABORTED');
          return;
        }
        expect(outcome.error).toBeUndefined();
        const result = outcome.result;
        if (result === undefined) throw new Error('no result');
        expect(agg.keyHolders).toEqual(expected.u1);
        expect(agg.shareSenders).toEqual(expected.u2);
        expect(result.survivors).toEqual(expected.u3);
        expect(agg.signers).toEqual(expected.u4);

        // Exact modular sum of the survivors' encoded inputs.
        const plain = new Uint32Array(cohort.config.vectorLength);
        for (const id of expected.u3) {
          const e = encoded.get(id) as Uint32Array;
          for (let i = 0; i < plain.length; i++)
            plain[i] = ((plain[i] as number) + (e[i] as number)) >>> 0;
        }
        expect(Array.from(result.sum)).toEqual(Array.from(plain));

        // The decoded weighted mean is within the documented bound of the float mean.
        const totalWeight = expected.u3.reduce((w, id) => w + (values.get(id)?.[1]?.[0] ?? 0), 0);
        expect(result.lanes[1]?.[0]).toBe(totalWeight);
        const [deltaBound] = quantizationErrorBound(lanes, expected.u3.length);
        for (let i = 0; i < (lanes[0]?.length ?? 0); i++) {
          const floatSum = expected.u3.reduce(
            (acc, id) => acc + (values.get(id)?.[0]?.[i] ?? 0),
            0,
          );
          const decodedMean = (result.lanes[0]?.[i] ?? NaN) / totalWeight;
          expect(Math.abs(decodedMean - floatSum / totalWeight)).toBeLessThanOrEqual(
            (deltaBound ?? 0) / totalWeight + 1e-12,
          );
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('snapshot and restore', () => {
  it('round-trips both sessions through JSON at every stage boundary and still completes', async () => {
    const lanes: LaneSpec[] = [
      { name: 'delta', length: 6, bound: 1, scale: 4096 },
      { name: 'weight', length: 1, bound: 16, scale: 1 },
    ];
    const cohort = createSimulatedCohort({ participants: 12, k: 6, t: 4, lanes });
    const { config, identities } = cohort;
    let agg = cohort.aggregator;
    const sessions = cohort.participants;
    const reload = () => {
      const sum = agg.runningSum === undefined ? undefined : Uint32Array.from(agg.runningSum);
      agg = AggregatorSession.restore(
        JSON.parse(JSON.stringify(agg.snapshot())) as AggregatorSnapshot,
        {
          verifier: identities.verifier,
          ...(sum === undefined ? {} : { runningSum: sum }),
        },
      );
      for (const [id, p] of sessions) {
        const signer = identities.signers.get(id);
        if (signer === undefined) throw new Error('no signer');
        sessions.set(
          id,
          ParticipantSession.restore(
            JSON.parse(JSON.stringify(p.snapshot())) as ParticipantSnapshot,
            {
              signer,
              verifier: identities.verifier,
              revealRecord: RevealRecord.fromJSON(
                JSON.parse(JSON.stringify(p.revealRecord.toJSON())) as RevealRecordJSON,
              ),
            },
          ),
        );
      }
    };
    const get = (id: string) => sessions.get(id) as ParticipantSession;
    const droppedAfterShareKeys = 'p003';
    const droppedAfterMasked = 'p007';

    for (const p of sessions.values()) await agg.receiveSetup(await p.setup());
    reload();
    const keys = agg.closeSetup();
    reload();
    for (const k of keys) await agg.receiveShareKeys(await get(k.recipient).shareKeys(k));
    reload();
    const routed = agg.closeShareKeys();
    reload();
    for (const r of routed)
      if (r.recipient !== droppedAfterShareKeys) await get(r.recipient).receiveShares(r);
    reload();
    const encoded = new Map<string, Uint32Array>();
    for (const r of routed) {
      if (r.recipient === droppedAfterShareKeys) continue;
      const e = encodeLanes([Array.from({ length: 6 }, (_, i) => (i - 3) / 4), [2]], lanes);
      encoded.set(r.recipient, e);
      const { message, vector } = await get(r.recipient).maskInput({ encoded: e });
      agg.foldMaskedChunk(r.recipient, 3, vector.subarray(3));
      reload();
      agg.foldMaskedChunk(r.recipient, 0, vector.subarray(0, 3));
      agg.completeMasked(message);
    }
    reload();
    const checks = agg.closeMasked();
    reload();
    for (const c of checks) {
      if (c.recipient !== droppedAfterMasked)
        await agg.receiveConsistency(await get(c.recipient).consistencyCheck(c));
    }
    reload();
    const requests = agg.closeConsistency();
    reload();
    for (const r of requests) agg.receiveUnmask(await get(r.recipient).unmask(r));
    reload();
    const result = await agg.finish();

    const survivors = config.participants.filter((id) => id !== droppedAfterShareKeys);
    expect(result.survivors).toEqual(survivors);
    const plain = new Uint32Array(config.vectorLength);
    for (const id of survivors) {
      const e = encoded.get(id) as Uint32Array;
      for (let i = 0; i < plain.length; i++)
        plain[i] = ((plain[i] as number) + (e[i] as number)) >>> 0;
    }
    expect(Array.from(result.sum)).toEqual(Array.from(plain));
    expect(agg.state).toBe('COMPLETED');
  });

  it('without the running sum, folded uploads must be folded again (only during collect-masked)', async () => {
    const lanes: LaneSpec[] = [{ name: 'delta', length: 4, bound: 1, scale: 256 }];
    const cohort = createSimulatedCohort({ participants: 5, k: 4, t: 3, lanes });
    const agg = cohort.aggregator;
    for (const p of cohort.participants.values()) await agg.receiveSetup(await p.setup());
    for (const k of agg.closeSetup()) {
      await agg.receiveShareKeys(
        await (cohort.participants.get(k.recipient) as ParticipantSession).shareKeys(k),
      );
    }
    const routed = agg.closeShareKeys();
    const first = routed[0] as (typeof routed)[number];
    const { message, vector } = await (
      cohort.participants.get(first.recipient) as ParticipantSession
    ).collectMasked(first, { encoded: new Uint32Array(4) });
    agg.foldMaskedChunk(first.recipient, 0, vector);
    agg.completeMasked(message);
    const restored = AggregatorSession.restore(agg.snapshot(), {
      verifier: cohort.identities.verifier,
    });
    expect(restored.foldedElements(first.recipient)).toBe(0);
    restored.foldMaskedChunk(first.recipient, 0, vector);
    restored.completeMasked(message);
    expect(Array.from(restored.runningSum ?? [])).toEqual(Array.from(vector));
  });
});
