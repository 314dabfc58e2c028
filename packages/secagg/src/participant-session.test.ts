import { describe, expect, it } from 'vitest';
import { SecAggProtocolError } from './errors.js';
import type { LaneSpec } from './fixed-point.js';
import { createEd25519Identity } from './identity.js';
import { maskedVectorDigest } from './messages.js';
import type { NeighbourKeysMessage, RoutedSharesMessage } from './messages.js';
import { ParticipantSession } from './participant-session.js';
import { createSimulatedCohort } from './simulation.js';
import type { SimulatedCohort } from './simulation.js';

const lanes: LaneSpec[] = [{ name: 'delta', length: 5, bound: 1, scale: 256 }];

function get(c: SimulatedCohort, id: string): ParticipantSession {
  const p = c.participants.get(id);
  if (p === undefined) throw new Error('missing');
  return p;
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(SecAggProtocolError);
    return (e as SecAggProtocolError).code;
  }
  return 'accepted';
}

async function toRouted(c: SimulatedCohort): Promise<RoutedSharesMessage[]> {
  for (const p of c.participants.values()) await c.aggregator.receiveSetup(await p.setup());
  for (const k of c.aggregator.closeSetup()) {
    await c.aggregator.receiveShareKeys(await get(c, k.recipient).shareKeys(k));
  }
  return c.aggregator.closeShareKeys();
}

describe('ParticipantSession', () => {
  it('walks through its states, and setup and share-keys answer retries with the same message', async () => {
    const c = createSimulatedCohort({ participants: 5, k: 4, t: 3, lanes });
    const p = get(c, 'p000');
    expect(p.state).toBe('READY');
    const setup = await p.setup();
    expect(await p.setup()).toBe(setup);
    expect(p.state).toBe('SETUP');
    for (const q of c.participants.values()) await c.aggregator.receiveSetup(await q.setup());
    const keys = c.aggregator.closeSetup();
    const mine = keys.find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const shares = await p.shareKeys(mine);
    expect(await p.shareKeys(mine)).toBe(shares);
    expect(p.state).toBe('SHARE_KEYS');
    expect(shares.shares).toHaveLength(4);
    expect(new Set(shares.shares.map((s) => s.recipient))).toEqual(new Set(p.neighbours));
  });

  it('refuses to share with fewer than t neighbours with valid keys', async () => {
    const c = createSimulatedCohort({ participants: 5, k: 4, t: 3, lanes });
    const p = get(c, 'p000');
    for (const q of c.participants.values()) await c.aggregator.receiveSetup(await q.setup());
    const mine = c.aggregator
      .closeSetup()
      .find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const few = { ...mine, neighbours: mine.neighbours.slice(0, 2) };
    expect(await codeOf(() => p.shareKeys(few))).toBe('SECAGG_ABORTED');
    expect(p.state).toBe('SETUP');
    expect(await codeOf(() => p.shareKeys({ ...mine, recipient: 'p001' }))).toBe(
      'SECAGG_INVALID_MESSAGE',
    );
  });

  it('refuses to mask with fewer than t routed shares, and masks once with a matching digest', async () => {
    const c = createSimulatedCohort({ participants: 5, k: 4, t: 3, lanes });
    const routed = await toRouted(c);
    const mine = routed.find((r) => r.recipient === 'p000') as RoutedSharesMessage;
    const p = get(c, 'p000');
    const input = { encoded: new Uint32Array(5) };
    expect(
      await codeOf(() => p.collectMasked({ ...mine, shares: mine.shares.slice(0, 2) }, input)),
    ).toBe('SECAGG_ABORTED');
    const received = await p.receiveShares(mine);
    expect(received.maskedWith).toEqual([...p.neighbours]);
    expect(received.rejectedShares).toEqual([]);
    expect(p.state).toBe('SHARES_RECEIVED');
    // The secrets are gone from the snapshot once the mask keys are derived.
    const data = p.snapshot().data as {
      b?: unknown;
      maskingKeys: { secretKey: { $bytes: string } };
    };
    expect(data.b).toBeUndefined();
    expect(data.maskingKeys.secretKey.$bytes).toBe('');
    // The vector comes from createVector (here shared memory) and is masked in place.
    let created: Uint32Array | undefined;
    const { message, vector } = await p.maskInput(input, {
      createVector: (length) => (created = new Uint32Array(new SharedArrayBuffer(length * 4))),
    });
    expect(vector).toBe(created);
    expect(message.digest).toEqual(maskedVectorDigest(vector));
    expect(message.vectorLength).toBe(5);
    expect(vector.some((x) => x !== 0)).toBe(true);
    expect(await codeOf(() => p.maskInput(input))).toBe('SECAGG_INVALID_MESSAGE');
  });

  it('refuses a createVector that returns the wrong length, state unchanged', async () => {
    const c = createSimulatedCohort({ participants: 3, k: 2, t: 2, lanes });
    const routed = await toRouted(c);
    const p = get(c, 'p000');
    await p.receiveShares(routed.find((r) => r.recipient === 'p000') as RoutedSharesMessage);
    const input = { encoded: new Uint32Array(5) };
    await expect(
      p.maskInput(input, { createVector: () => new Uint32Array(4) }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(p.state).toBe('SHARES_RECEIVED');
    expect((await p.maskInput(input)).vector).toHaveLength(5);
  });

  it('refuses a signer that is not a participant', () => {
    const c = createSimulatedCohort({ participants: 3, k: 2, t: 2, lanes });
    const outsider = createEd25519Identity('outsider');
    expect(() =>
      ParticipantSession.create({
        config: c.config,
        signer: outsider.signer,
        verifier: c.identities.verifier,
      }),
    ).toThrow(/not a participant/);
  });

  it('rejects a snapshot restored with another participant signer', () => {
    const c = createSimulatedCohort({ participants: 3, k: 2, t: 2, lanes });
    const snapshot = get(c, 'p000').snapshot();
    const other = c.identities.signers.get('p001');
    if (other === undefined) throw new Error('missing');
    expect(() =>
      ParticipantSession.restore(snapshot, { signer: other, verifier: c.identities.verifier }),
    ).toThrow(SecAggProtocolError);
  });
});
