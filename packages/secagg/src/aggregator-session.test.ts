import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { AggregatorSession } from './aggregator-session.js';
import type { AggregatorSnapshot } from './aggregator-session.js';
import { SecAggAbortedError, SecAggProtocolError } from './errors.js';
import type { LaneSpec } from './fixed-point.js';
import type { ParticipantSession } from './participant-session.js';
import { createSimulatedCohort, simulateRound } from './simulation.js';

const lanes: LaneSpec[] = [{ name: 'delta', length: 40, bound: 1, scale: 256 }];

describe('AggregatorSession', () => {
  it('aborts at setup when fewer than t + 1 participants sent keys', async () => {
    const c = createSimulatedCohort({ participants: 5, k: 4, t: 3, lanes });
    for (const id of ['p000', 'p001', 'p002']) {
      await c.aggregator.receiveSetup(await (c.participants.get(id) as ParticipantSession).setup());
    }
    expect(() => c.aggregator.closeSetup()).toThrow(SecAggAbortedError);
    expect(c.aggregator.state).toBe('ABORTED');
  });

  it('refuses stage methods out of order', async () => {
    const c = createSimulatedCohort({ participants: 3, k: 2, t: 2, lanes });
    expect(() => c.aggregator.closeShareKeys()).toThrow(SecAggProtocolError);
    await expect(c.aggregator.finish()).rejects.toThrow(SecAggProtocolError);
    expect(() => {
      c.aggregator.foldMaskedChunk('p000', 0, new Uint32Array(1));
    }).toThrow(/not accepted/);
  });

  it('folds chunks in any order into one sum, on the array createSum gives, and counts revealed shares', async () => {
    let allocated: Uint32Array | undefined;
    const c = createSimulatedCohort({ participants: 6, k: 4, t: 3, lanes });
    const agg = AggregatorSession.create({
      config: c.config,
      verifier: c.identities.verifier,
      createSum: (length) => (allocated = new Uint32Array(new SharedArrayBuffer(length * 4))),
    });
    const outcome = await simulateRound(
      { ...c, aggregator: agg },
      { chunkElements: 7, dropouts: new Map([['p004', 'after-share-keys']]) },
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.sum).toBe(allocated);
    // All-zero inputs: the unmasked sum is exactly zero.
    expect(outcome.result?.sum.every((x) => x === 0)).toBe(true);
    const counts = agg.revealedShareCounts();
    expect(counts.get('p004')?.b).toBe(0);
    expect(counts.get('p004')?.sk).toBeGreaterThanOrEqual(3);
    expect(counts.get('p000')?.sk).toBe(0);
  });

  it('restores from a snapshot only with the running sum after collect-masked', async () => {
    const c = createSimulatedCohort({ participants: 4, k: 3, t: 2, lanes });
    const outcome = await simulateRound(c);
    expect(outcome.error).toBeUndefined();
    const snapshot = JSON.parse(JSON.stringify(c.aggregator.snapshot())) as AggregatorSnapshot;
    expect(() => AggregatorSession.restore(snapshot, { verifier: c.identities.verifier })).toThrow(
      FedraError,
    );
    const restored = AggregatorSession.restore(snapshot, {
      verifier: c.identities.verifier,
      runningSum: new Uint32Array(40),
    });
    expect(restored.state).toBe('COMPLETED');
    expect(restored.survivors).toEqual(c.config.participants);
  });
});
