import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import type { AggregatorSession } from './aggregator-session.js';
import { createSecAggConfig } from './config.js';
import { SecAggAbortedError, SecAggBadShareError, SecAggProtocolError } from './errors.js';
import { encodeLanes } from './fixed-point.js';
import type { LaneSpec } from './fixed-point.js';
import { createEd25519Identity } from './identity.js';
import { encryptedSharePayload, makeHeader, setupPayload, survivorSetPayload } from './messages.js';
import type {
  ConsistencyRequest,
  MaskedInputMessage,
  NeighbourKeysMessage,
  RoutedSharesMessage,
  SetupMessage,
  ShareKeysMessage,
  UnmaskRequest,
  UnmaskResponse,
} from './messages.js';
import { ParticipantSession } from './participant-session.js';
import type { ParticipantSnapshot } from './participant-session.js';
import { RevealRecord } from './reveal-record.js';
import type { RevealRecordJSON } from './reveal-record.js';
import { createSimulatedCohort, simulatedIds } from './simulation.js';
import type { SimulatedCohort, SimulatedCohortOptions } from './simulation.js';

const lanes: LaneSpec[] = [
  { name: 'delta', length: 8, bound: 1, scale: 1024 },
  { name: 'weight', length: 1, bound: 16, scale: 1 },
];

function cohort(options: Partial<SimulatedCohortOptions> = {}): SimulatedCohort {
  return createSimulatedCohort({ participants: 7, k: 6, t: 4, lanes, ...options });
}

function session(c: SimulatedCohort, id: string): ParticipantSession {
  const p = c.participants.get(id);
  if (p === undefined) throw new Error(`no participant ${id}`);
  return p;
}

/** Catches the error a call raises (sync or async). */
async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

function expectProtocolError(
  error: unknown,
  code: string,
  stage: string,
  participantId?: string,
): SecAggProtocolError {
  expect(error).toBeInstanceOf(SecAggProtocolError);
  const e = error as SecAggProtocolError;
  expect(e.code).toBe(code);
  expect(e.stage).toBe(stage);
  if (participantId !== undefined) expect(e.participantId).toBe(participantId);
  return e;
}

function flip(bytes: Uint8Array, at = 0): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

async function setupAll(c: SimulatedCohort, skip: ReadonlySet<string> = new Set()) {
  const messages = new Map<string, SetupMessage>();
  for (const id of c.config.participants) {
    if (skip.has(id)) continue;
    const m = await session(c, id).setup();
    messages.set(id, m);
    await c.aggregator.receiveSetup(m);
  }
  return { messages, keys: c.aggregator.closeSetup() };
}

async function shareAll(c: SimulatedCohort, keys: readonly NeighbourKeysMessage[]) {
  const messages = new Map<string, ShareKeysMessage>();
  for (const k of keys) messages.set(k.recipient, await session(c, k.recipient).shareKeys(k));
  return messages;
}

async function receiveAllShareKeys(
  c: SimulatedCohort,
  messages: ReadonlyMap<string, ShareKeysMessage>,
) {
  for (const m of messages.values()) await c.aggregator.receiveShareKeys(m);
  return c.aggregator.closeShareKeys();
}

/** Masks a fixed input per participant, folds it, and returns the plain encoded inputs. */
async function maskAll(
  c: SimulatedCohort,
  routed: readonly RoutedSharesMessage[],
  skip: ReadonlySet<string> = new Set(),
) {
  const encoded = new Map<string, Uint32Array>();
  const completions = new Map<string, MaskedInputMessage>();
  for (const r of routed) {
    if (skip.has(r.recipient)) continue;
    const values = [Array.from({ length: 8 }, (_, i) => Math.sin(i + r.recipient.length) / 2), [3]];
    const e = encodeLanes(values, lanes);
    const { message, vector } = await session(c, r.recipient).collectMasked(r, { encoded: e });
    c.aggregator.foldMaskedChunk(r.recipient, 0, vector);
    c.aggregator.completeMasked(message);
    encoded.set(r.recipient, e);
    completions.set(r.recipient, message);
  }
  return { encoded, completions };
}

async function signAll(c: SimulatedCohort, requests: readonly ConsistencyRequest[]) {
  for (const r of requests) {
    await c.aggregator.receiveConsistency(await session(c, r.recipient).consistencyCheck(r));
  }
  return c.aggregator.closeConsistency();
}

async function revealAll(c: SimulatedCohort, requests: readonly UnmaskRequest[]) {
  const responses = new Map<string, UnmaskResponse>();
  for (const r of requests) responses.set(r.recipient, await session(c, r.recipient).unmask(r));
  return responses;
}

function plainSum(encoded: ReadonlyMap<string, Uint32Array>, ids: readonly string[]): number[] {
  const sum = new Uint32Array(9);
  for (const id of ids) {
    const e = encoded.get(id) as Uint32Array;
    for (let i = 0; i < sum.length; i++) sum[i] = ((sum[i] as number) + (e[i] as number)) >>> 0;
  }
  return Array.from(sum);
}

/** Runs the rest of an attempt honestly from the routed shares and returns the result. */
async function finishHonestly(c: SimulatedCohort, routed: readonly RoutedSharesMessage[]) {
  const { encoded } = await maskAll(c, routed);
  const unmaskRequests = await signAll(c, c.aggregator.closeMasked());
  for (const response of (await revealAll(c, unmaskRequests)).values()) {
    c.aggregator.receiveUnmask(response);
  }
  const result = await c.aggregator.finish();
  return { result, encoded };
}

function isDropped(agg: AggregatorSession, id: string): boolean {
  return agg.dropped.has(id);
}

describe('adversarial: tampered ciphertexts and shares', () => {
  it('rejects a ciphertext altered on its way to the aggregator and drops the sender', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const shares = await shareAll(c, keys);
    const original = shares.get('p001') as ShareKeysMessage;
    const tampered: ShareKeysMessage = {
      ...original,
      shares: original.shares.map((s, i) =>
        i === 0 ? { ...s, ciphertext: flip(s.ciphertext, 20) } : s,
      ),
    };
    const error = await caught(() => c.aggregator.receiveShareKeys(tampered));
    expectProtocolError(error, 'SECAGG_BAD_SIGNATURE', 'share-keys', 'p001');
    expect(isDropped(c.aggregator, 'p001')).toBe(true);
  });

  it('a participant rejects a routed ciphertext the aggregator altered, and the sum stays correct', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const routed = await receiveAllShareKeys(c, await shareAll(c, keys));
    const victim = routed.find((r) => r.recipient === 'p002') as RoutedSharesMessage;
    const entry = victim.shares.find((s) => s.share.sender === 'p003');
    if (entry === undefined) throw new Error('no share from p003');
    entry.share = { ...entry.share, ciphertext: flip(entry.share.ciphertext, 15) };

    const { result, encoded } = await finishHonestly(c, routed);
    const p2 = session(c, 'p002');
    expect(p2.rejections.map((e) => [e.code, e.participantId])).toContainEqual([
      'SECAGG_BAD_SIGNATURE',
      'p003',
    ]);
    // p002 still masked with p003, so the masks cancel and the sum is exact.
    expect(p2.maskedWith).toContain('p003');
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });

  it('a sender that signs an undecryptable share is detected by its recipient; the sum stays correct', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const shares = await shareAll(c, keys);
    const bad = shares.get('p004') as ShareKeysMessage;
    const signer = c.identities.signers.get('p004');
    if (signer === undefined) throw new Error('no signer');
    const resigned = await Promise.all(
      bad.shares.map(async (s) => {
        if (s.recipient !== 'p005') return s;
        const corrupt = { ...s, ciphertext: flip(s.ciphertext, 30) };
        const signature = await signer.sign(
          encryptedSharePayload(c.config, corrupt, bad.bCommitment),
        );
        return { ...corrupt, signature };
      }),
    );
    shares.set('p004', { ...bad, shares: resigned });
    const routed = await receiveAllShareKeys(c, shares);
    const { result, encoded } = await finishHonestly(c, routed);
    const p5 = session(c, 'p005');
    const rejection = p5.rejections.find((e) => e.participantId === 'p004');
    expect(rejection?.code).toBe('SECAGG_DECRYPT_FAILED');
    expect(rejection?.stage).toBe('collect-masked');
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });

  it('a share whose signed hash does not match is rejected as SECAGG_BAD_SHARE and never requested', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const shares = await shareAll(c, keys);
    const bad = shares.get('p000') as ShareKeysMessage;
    const signer = c.identities.signers.get('p000');
    if (signer === undefined) throw new Error('no signer');
    shares.set('p000', {
      ...bad,
      shares: await Promise.all(
        bad.shares.map(async (s) => {
          if (s.recipient !== 'p006') return s;
          const corrupt = { ...s, bShareHash: randomBytes(32) };
          return {
            ...corrupt,
            signature: await signer.sign(encryptedSharePayload(c.config, corrupt, bad.bCommitment)),
          };
        }),
      ),
    });
    const routed = await receiveAllShareKeys(c, shares);
    const { encoded } = await maskAll(c, routed);
    const requests = await signAll(c, c.aggregator.closeMasked());
    const toP6 = requests.find((r) => r.recipient === 'p006');
    expect(toP6?.bOwners).not.toContain('p000');
    expect(session(c, 'p006').rejections.map((e) => [e.code, e.participantId])).toContainEqual([
      'SECAGG_BAD_SHARE',
      'p000',
    ]);
    for (const response of (await revealAll(c, requests)).values()) {
      c.aggregator.receiveUnmask(response);
    }
    const result = await c.aggregator.finish();
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });
});

describe('adversarial: replays from another round or attempt', () => {
  for (const [what, change] of [
    ['round', { roundNumber: 2 }],
    ['attempt', { attempt: 2 }],
  ] as const) {
    it(`rejects a setup message from another ${what}, by header and by signature`, async () => {
      const ids = simulatedIds(7);
      const c = cohort({ participants: ids });
      const other = cohort({
        participants: ids,
        identities: c.identities,
        configHash: c.config.configHash,
        ...change,
      });
      const replayed = await session(other, 'p001').setup();
      const byHeader = await caught(() => c.aggregator.receiveSetup(replayed));
      expectProtocolError(byHeader, 'SECAGG_REPLAY', 'setup', 'p001');
      // A stale message cannot affect this attempt, so it does not cost p001 its place.
      expect(isDropped(c.aggregator, 'p001')).toBe(false);
      await c.aggregator.receiveSetup(await session(c, 'p001').setup());

      // Rewriting the header does not help: the signature binds round and attempt.
      const c2 = cohort({
        participants: ids,
        identities: c.identities,
        configHash: c.config.configHash,
      });
      const rewritten = { ...replayed, header: makeHeader(c2.config, 'setup', 'p001') };
      const bySignature = await caught(() => c2.aggregator.receiveSetup(rewritten));
      expectProtocolError(bySignature, 'SECAGG_BAD_SIGNATURE', 'setup', 'p001');
      expect(isDropped(c2.aggregator, 'p001')).toBe(true);
    });
  }

  it('a participant ignores a neighbour key message from another attempt', async () => {
    const ids = simulatedIds(7);
    const c = cohort({ participants: ids });
    const other = cohort({ participants: ids, identities: c.identities, attempt: 2 });
    const { keys } = await setupAll(c);
    const forP0 = keys.find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const stale = await session(other, 'p003').setup();
    const message = {
      ...forP0,
      neighbours: forP0.neighbours.map((m) => (m.header.sender === 'p003' ? stale : m)),
    };
    const out = await session(c, 'p000').shareKeys(message);
    expect(out.shares.map((s) => s.recipient)).not.toContain('p003');
    expect(session(c, 'p000').rejections.map((e) => [e.code, e.participantId])).toContainEqual([
      'SECAGG_REPLAY',
      'p003',
    ]);
  });

  it('a message for another stage is refused with the stage named', async () => {
    const c = cohort();
    const setup = await session(c, 'p000').setup();
    const error = await caught(() =>
      c.aggregator.receiveShareKeys(setup as unknown as ShareKeysMessage),
    );
    expectProtocolError(error, 'SECAGG_INVALID_MESSAGE', 'share-keys', 'p000');
  });
});

describe('adversarial: substituted keys', () => {
  it('a participant rejects a neighbour whose relayed public key was substituted', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const forP0 = keys.find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const message = {
      ...forP0,
      neighbours: forP0.neighbours.map((m) =>
        m.header.sender === 'p002' ? { ...m, maskingPublicKey: flip(m.maskingPublicKey, 3) } : m,
      ),
    };
    const out = await session(c, 'p000').shareKeys(message);
    expect(out.shares.map((s) => s.recipient)).not.toContain('p002');
    const rejection = session(c, 'p000').rejections.find((e) => e.participantId === 'p002');
    expect(rejection?.code).toBe('SECAGG_BAD_SIGNATURE');
    expect(rejection?.stage).toBe('share-keys');
  });

  it('the aggregator drops a participant whose setup carries a substituted or small-order key', async () => {
    const c = cohort();
    const m1 = await session(c, 'p001').setup();
    const substituted = { ...m1, encryptionPublicKey: randomBytes(32) };
    expectProtocolError(
      await caught(() => c.aggregator.receiveSetup(substituted)),
      'SECAGG_BAD_SIGNATURE',
      'setup',
      'p001',
    );
    // A signed all-zero (small-order) key is refused before anything is derived from it.
    const signer = c.identities.signers.get('p002');
    if (signer === undefined) throw new Error('no signer');
    const m2 = await session(c, 'p002').setup();
    const zero = new Uint8Array(32);
    const lowOrder: SetupMessage = {
      ...m2,
      maskingPublicKey: zero,
      signature: await signer.sign(setupPayload(c.config, 'p002', m2.encryptionPublicKey, zero)),
    };
    expectProtocolError(
      await caught(() => c.aggregator.receiveSetup(lowOrder)),
      'SECAGG_INVALID_MESSAGE',
      'setup',
      'p002',
    );
    expect(isDropped(c.aggregator, 'p001')).toBe(true);
    expect(isDropped(c.aggregator, 'p002')).toBe(true);
  });

  it('a participant refuses an altered echo of its own keys', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const forP0 = keys.find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const own = await session(c, 'p000').setup();
    const message = {
      ...forP0,
      neighbours: [...forP0.neighbours, { ...own, encryptionPublicKey: randomBytes(32) }],
    };
    expectProtocolError(
      await caught(() => session(c, 'p000').shareKeys(message)),
      'SECAGG_INVALID_MESSAGE',
      'share-keys',
      'p000',
    );
  });
});

describe('adversarial: forged and split survivor sets', () => {
  async function toUnmask(c: SimulatedCohort) {
    const { keys } = await setupAll(c);
    const routed = await receiveAllShareKeys(c, await shareAll(c, keys));
    const { encoded } = await maskAll(c, routed);
    const checks = c.aggregator.closeMasked();
    return { checks, encoded };
  }

  it('refuses to unmask on forged signatures, on a set other than the signed one, and to sign twice', async () => {
    const c = cohort();
    const { checks } = await toUnmask(c);
    const requests = await signAll(c, checks);
    const honest = requests.find((r) => r.recipient === 'p000') as UnmaskRequest;
    const p0 = session(c, 'p000');

    const forged = {
      ...honest,
      signatures: honest.signatures.map((s) => ({ ...s, signature: randomBytes(64) })),
    };
    expectProtocolError(
      await caught(() => p0.unmask(forged)),
      'SECAGG_UNMASK_REFUSED',
      'unmask',
      'p000',
    );

    const smaller = honest.survivors.filter((id) => id !== 'p006');
    expectProtocolError(
      await caught(() => p0.unmask({ ...honest, survivors: smaller })),
      'SECAGG_UNMASK_REFUSED',
      'unmask',
      'p000',
    );
    const second: ConsistencyRequest = { ...(checks[0] as ConsistencyRequest), survivors: smaller };
    expectProtocolError(
      await caught(() => p0.consistencyCheck(second)),
      'SECAGG_UNMASK_REFUSED',
      'consistency-check',
      'p000',
    );
    // Nothing was revealed by the refused requests.
    expect(p0.revealRecord.size).toBe(0);
    // The honest request still works.
    expect((await p0.unmask(honest)).shares.length).toBeGreaterThan(0);
  });

  it('with split survivor sets neither group gathers t signatures, so nobody reveals', async () => {
    const c = cohort();
    const { checks } = await toUnmask(c);
    const all = (checks[0] as ConsistencyRequest).survivors;
    const without6 = all.filter((id) => id !== 'p006');
    const groupA = ['p000', 'p001', 'p002'];
    const groupB = ['p003', 'p004', 'p005'];
    const signatures = new Map<string, { signer: string; signature: Uint8Array }>();
    for (const id of groupA) {
      const r = await session(c, id).consistencyCheck({
        ...(checks[0] as ConsistencyRequest),
        recipient: id,
        survivors: all,
      });
      signatures.set(id, { signer: id, signature: r.signature });
    }
    for (const id of groupB) {
      const r = await session(c, id).consistencyCheck({
        ...(checks[0] as ConsistencyRequest),
        recipient: id,
        survivors: without6,
      });
      signatures.set(id, { signer: id, signature: r.signature });
    }
    const everyone = [...signatures.values()];
    for (const [group, survivors] of [
      [groupA, all],
      [groupB, without6],
    ] as const) {
      for (const id of group) {
        const request: UnmaskRequest = {
          header: makeHeader(c.config, 'unmask', ''),
          recipient: id,
          survivors: [...survivors],
          signatures: everyone,
          bOwners: [],
          skOwners: [],
        };
        expectProtocolError(
          await caught(() => session(c, id).unmask(request)),
          'SECAGG_UNMASK_REFUSED',
          'unmask',
          id,
        );
      }
    }
  });
});

describe('adversarial: never both shares of one peer', () => {
  it('refuses a request that asks for both shares of one peer, or the masking key of a survivor', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const routed = await receiveAllShareKeys(c, await shareAll(c, keys));
    await maskAll(c, routed);
    const requests = await signAll(c, c.aggregator.closeMasked());
    const honest = requests.find((r) => r.recipient === 'p000') as UnmaskRequest;
    const p0 = session(c, 'p000');
    const both = { ...honest, skOwners: ['p001'] };
    const e1 = expectProtocolError(
      await caught(() => p0.unmask(both)),
      'SECAGG_UNMASK_REFUSED',
      'unmask',
      'p000',
    );
    expect(e1.message).toContain('both shares of p001');
    const skOfSurvivor = {
      ...honest,
      bOwners: honest.bOwners.filter((o) => o !== 'p002'),
      skOwners: ['p002'],
    };
    expectProtocolError(
      await caught(() => p0.unmask(skOfSurvivor)),
      'SECAGG_UNMASK_REFUSED',
      'unmask',
      'p000',
    );
    expect(p0.revealRecord.size).toBe(0);
  });

  it('keeps refusing after a restart restored from the persisted reveal record', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const routed = await receiveAllShareKeys(c, await shareAll(c, keys));
    await maskAll(c, routed);
    // The worker persisted its session right after uploading...
    const snapshotAfterUpload = JSON.stringify(session(c, 'p000').snapshot());
    const checks = c.aggregator.closeMasked();
    const requests = await signAll(c, checks);
    const honest = requests.find((r) => r.recipient === 'p000') as UnmaskRequest;
    await session(c, 'p000').unmask(honest);
    expect(session(c, 'p000').revealRecord.kindFor('p001')).toBe('b');
    // ...and its reveal record before answering the unmask request.
    const persistedRecord = JSON.stringify(session(c, 'p000').revealRecord.toJSON());

    // A malicious coordinator restarts the worker from the older snapshot and
    // now claims p001 dropped, with enough (colluding) signatures on that set.
    const signer = c.identities.signers.get('p000');
    if (signer === undefined) throw new Error('no signer');
    const restored = ParticipantSession.restore(
      JSON.parse(snapshotAfterUpload) as ParticipantSnapshot,
      {
        signer,
        verifier: c.identities.verifier,
        revealRecord: RevealRecord.fromJSON(JSON.parse(persistedRecord) as RevealRecordJSON),
      },
    );
    const fake = honest.survivors.filter((id) => id !== 'p001');
    await restored.consistencyCheck({
      ...(checks[0] as ConsistencyRequest),
      recipient: 'p000',
      survivors: fake,
    });
    const signatures = await Promise.all(
      fake.map(async (id) => ({
        signer: id,
        signature: await (c.identities.signers.get(id) ?? signer).sign(
          survivorSetPayload(c.config, id, fake),
        ),
      })),
    );
    const attack: UnmaskRequest = {
      ...honest,
      survivors: fake,
      signatures,
      bOwners: honest.bOwners.filter((o) => o !== 'p001'),
      skOwners: ['p001'],
    };
    const error = expectProtocolError(
      await caught(() => restored.unmask(attack)),
      'SECAGG_UNMASK_REFUSED',
      'unmask',
      'p000',
    );
    expect(error.message).toContain('already revealed');
    // Without the record the same request would have been answered: the record is what protects.
    const amnesiac = ParticipantSession.restore(
      JSON.parse(snapshotAfterUpload) as ParticipantSnapshot,
      {
        signer,
        verifier: c.identities.verifier,
      },
    );
    await amnesiac.consistencyCheck({
      ...(checks[0] as ConsistencyRequest),
      recipient: 'p000',
      survivors: fake,
    });
    expect(
      (await amnesiac.unmask(attack)).shares.some((s) => s.owner === 'p001' && s.secret === 'sk'),
    ).toBe(true);
  });

  it('rejects a reveal record that belongs to another attempt', () => {
    const c = cohort();
    const signer = c.identities.signers.get('p000');
    if (signer === undefined) throw new Error('no signer');
    const snapshot = session(c, 'p000').snapshot();
    const record = new RevealRecord({
      experimentId: c.config.experimentId,
      roundNumber: c.config.roundNumber,
      attempt: 9,
      participantId: 'p000',
    });
    expect(() =>
      ParticipantSession.restore(snapshot, {
        signer,
        verifier: c.identities.verifier,
        revealRecord: record,
      }),
    ).toThrow(SecAggProtocolError);
  });
});

describe('adversarial: bad revealed shares', () => {
  async function toReveal(c: SimulatedCohort) {
    const { keys } = await setupAll(c);
    const routed = await receiveAllShareKeys(c, await shareAll(c, keys));
    const { encoded } = await maskAll(c, routed);
    const requests = await signAll(c, c.aggregator.closeMasked());
    return { responses: await revealAll(c, requests), encoded };
  }

  it('names the revealer of a bad share, discards its shares, and still rebuilds with t good ones', async () => {
    const c = cohort();
    const { responses, encoded } = await toReveal(c);
    const bad = responses.get('p003') as UnmaskResponse;
    responses.set('p003', {
      ...bad,
      shares: bad.shares.map((s, i) => (i === 1 ? { ...s, share: flip(s.share, 5) } : s)),
    });
    const errors: unknown[] = [];
    for (const r of responses.values()) {
      try {
        c.aggregator.receiveUnmask(r);
      } catch (e) {
        errors.push(e);
      }
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SecAggBadShareError);
    const e = errors[0] as SecAggBadShareError;
    expect(e.revealerId).toBe('p003');
    expect(e.code).toBe('SECAGG_BAD_SHARE');
    expect(isDropped(c.aggregator, 'p003')).toBe(true);
    const result = await c.aggregator.finish();
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });

  it('aborts cleanly, naming the secret, when a bad share leaves fewer than t good ones', async () => {
    const c = cohort({ k: 6, t: 6 });
    const { responses } = await toReveal(c);
    const bad = responses.get('p002') as UnmaskResponse;
    responses.set('p002', {
      ...bad,
      shares: bad.shares.map((s) => ({ ...s, share: flip(s.share, 0) })),
    });
    for (const r of responses.values()) {
      try {
        c.aggregator.receiveUnmask(r);
      } catch (e) {
        expect(e).toBeInstanceOf(SecAggBadShareError);
      }
    }
    const error = await caught(() => c.aggregator.finish());
    expect(error).toBeInstanceOf(SecAggAbortedError);
    const aborted = error as SecAggAbortedError;
    expect(aborted.missing.length).toBeGreaterThan(0);
    expect(aborted.missing.every((m) => m.holders === 5 && m.threshold === 6)).toBe(true);
    expect(c.aggregator.state).toBe('ABORTED');
  });
});

describe('adversarial: inputs and vectors', () => {
  async function toCollect(c: SimulatedCohort) {
    const { keys } = await setupAll(c);
    return receiveAllShareKeys(c, await shareAll(c, keys));
  }

  it('rejects NaN and Infinity naming the lane, and accepts a good input afterwards', async () => {
    const c = cohort();
    const routed = await toCollect(c);
    const r0 = routed[0] as RoutedSharesMessage;
    const p = session(c, r0.recipient);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const values = [[0, 0, 0, bad, 0, 0, 0, 0], [1]];
      const e = expectProtocolError(
        await caught(() => p.collectMasked(r0, { values })),
        'NON_FINITE_INPUT',
        'collect-masked',
        r0.recipient,
      );
      expect(e.metadata['lane']).toBe('delta');
      expect(e.metadata['index']).toBe('3');
      expect(p.state).toBe('SHARE_KEYS');
    }
    const ok = await p.collectMasked(r0, { values: [new Float32Array(8), [1]] });
    expect(ok.vector.length).toBe(9);
  });

  it('rejects wrong vector lengths from a participant and at the aggregator', async () => {
    const c = cohort();
    const routed = await toCollect(c);
    const r0 = routed[0] as RoutedSharesMessage;
    const p = session(c, r0.recipient);
    expectProtocolError(
      await caught(() => p.collectMasked(r0, { encoded: new Uint32Array(10) })),
      'VECTOR_LENGTH_MISMATCH',
      'collect-masked',
    );
    expectProtocolError(
      await caught(() => p.collectMasked(r0, { values: [new Float32Array(7), [1]] })),
      'VECTOR_LENGTH_MISMATCH',
      'collect-masked',
    );
    expectProtocolError(
      await caught(() => p.collectMasked(r0, { values: [new Float32Array(8)] })),
      'VECTOR_LENGTH_MISMATCH',
      'collect-masked',
    );
    const { message, vector } = await p.collectMasked(r0, { encoded: new Uint32Array(9) });
    const agg = c.aggregator;
    expectProtocolError(
      await caught(() => {
        agg.foldMaskedChunk(r0.recipient, 5, vector);
      }),
      'VECTOR_LENGTH_MISMATCH',
      'collect-masked',
      r0.recipient,
    );
    agg.foldMaskedChunk(r0.recipient, 0, vector.subarray(0, 5));
    expectProtocolError(
      await caught(() => {
        agg.foldMaskedChunk(r0.recipient, 4, vector.subarray(4));
      }),
      'CHUNK_OVERLAP',
      'collect-masked',
      r0.recipient,
    );
    expectProtocolError(
      await caught(() => {
        agg.completeMasked(message);
      }),
      'SECAGG_INVALID_MESSAGE',
      'collect-masked',
      r0.recipient,
    );
    expect(isDropped(agg, r0.recipient)).toBe(false);
    agg.foldMaskedChunk(r0.recipient, 5, vector.subarray(5));
    expectProtocolError(
      await caught(() => {
        agg.completeMasked({ ...message, vectorLength: 10 });
      }),
      'VECTOR_LENGTH_MISMATCH',
      'collect-masked',
      r0.recipient,
    );
    expect(isDropped(agg, r0.recipient)).toBe(true);
  });

  it('a participant dropped after folding is retracted, and the others still sum exactly', async () => {
    const c = cohort();
    const routed = await toCollect(c);
    const [r0, ...rest] = routed as [RoutedSharesMessage, ...RoutedSharesMessage[]];
    const bad = await session(c, r0.recipient).collectMasked(r0, {
      encoded: new Uint32Array(9).fill(7),
    });
    c.aggregator.foldMaskedChunk(r0.recipient, 0, bad.vector);
    expect(() => {
      c.aggregator.completeMasked({ ...bad.message, rejectedShares: ['p999'] });
    }).toThrow(SecAggProtocolError);
    const { encoded } = await maskAll(c, rest);
    expect(() => c.aggregator.closeMasked()).toThrow(FedraError);
    c.aggregator.retractMaskedChunk(r0.recipient, 0, bad.vector);
    const requests = await signAll(c, c.aggregator.closeMasked());
    for (const response of (await revealAll(c, requests)).values())
      c.aggregator.receiveUnmask(response);
    const result = await c.aggregator.finish();
    expect(result.survivors).not.toContain(r0.recipient);
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, result.survivors));
  });

  it('rejects a lane configuration that can overflow, naming the lane', () => {
    let error: unknown;
    try {
      createSecAggConfig({
        experimentId: 'e',
        roundNumber: 1,
        attempt: 1,
        participants: simulatedIds(5),
        k: 4,
        t: 3,
        graphSeed: randomBytes(32),
        configHash: randomBytes(32),
        lanes: [{ name: 'delta', length: 4, bound: 1, scale: 2 ** 29 }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('LANE_OVERFLOW');
    expect((error as FedraError).metadata['lane']).toBe('delta');
  });
});

describe('adversarial: duplicates, strangers and non-neighbours', () => {
  it('an identical duplicate is a harmless replay; a different one drops the sender', async () => {
    const c = cohort();
    const m1 = await session(c, 'p001').setup();
    await c.aggregator.receiveSetup(m1);
    expectProtocolError(
      await caught(() => c.aggregator.receiveSetup(m1)),
      'SECAGG_REPLAY',
      'setup',
      'p001',
    );
    expect(isDropped(c.aggregator, 'p001')).toBe(false);
    const other = { ...m1, signature: flip(m1.signature) };
    expectProtocolError(
      await caught(() => c.aggregator.receiveSetup(other)),
      'SECAGG_REPLAY',
      'setup',
      'p001',
    );
    expect(isDropped(c.aggregator, 'p001')).toBe(true);
  });

  it('duplicates at later stages are refused without harm, and the sum is exact', async () => {
    const c = cohort();
    const { keys } = await setupAll(c);
    const shares = await shareAll(c, keys);
    for (const m of shares.values()) await c.aggregator.receiveShareKeys(m);
    const again = shares.get('p002') as ShareKeysMessage;
    expectProtocolError(
      await caught(() => c.aggregator.receiveShareKeys(again)),
      'SECAGG_REPLAY',
      'share-keys',
      'p002',
    );
    const routed = c.aggregator.closeShareKeys();
    const { encoded, completions } = await maskAll(c, routed);
    expectProtocolError(
      await caught(() => {
        c.aggregator.completeMasked(completions.get('p003') as MaskedInputMessage);
      }),
      'SECAGG_REPLAY',
      'collect-masked',
      'p003',
    );
    const checks = c.aggregator.closeMasked();
    const r = await session(c, 'p004').consistencyCheck(
      checks.find((x) => x.recipient === 'p004') as ConsistencyRequest,
    );
    for (const req of checks)
      await c.aggregator.receiveConsistency(await session(c, req.recipient).consistencyCheck(req));
    expectProtocolError(
      await caught(() => c.aggregator.receiveConsistency(r)),
      'SECAGG_REPLAY',
      'consistency-check',
      'p004',
    );
    const responses = await revealAll(c, c.aggregator.closeConsistency());
    for (const response of responses.values()) c.aggregator.receiveUnmask(response);
    expectProtocolError(
      await caught(() => {
        c.aggregator.receiveUnmask(responses.get('p005') as UnmaskResponse);
      }),
      'SECAGG_REPLAY',
      'unmask',
      'p005',
    );
    expect(c.aggregator.dropped.size).toBe(0);
    const result = await c.aggregator.finish();
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });

  it('refuses messages from a non-participant without dropping anyone', async () => {
    const c = cohort();
    const mallory = createEd25519Identity('mallory');
    const fake: SetupMessage = {
      header: makeHeader(c.config, 'setup', 'mallory'),
      encryptionPublicKey: randomBytes(32),
      maskingPublicKey: randomBytes(32),
      signature: await mallory.signer.sign(randomBytes(10)),
    };
    expectProtocolError(
      await caught(() => c.aggregator.receiveSetup(fake)),
      'NOT_A_PARTICIPANT',
      'setup',
      'mallory',
    );
    expect(c.aggregator.dropped.size).toBe(0);
  });

  it('SecAgg+: the aggregator drops a participant that addresses a share to a non-neighbour', async () => {
    const c = cohort({ participants: 12, k: 4, t: 3 });
    const { keys } = await setupAll(c);
    const shares = await shareAll(c, keys);
    const sender = 'p000';
    const m = shares.get(sender) as ShareKeysMessage;
    const stranger = c.config.participants.find(
      (id) => id !== sender && !session(c, sender).neighbours.includes(id),
    );
    if (stranger === undefined) throw new Error('no stranger');
    const bent = {
      ...m,
      shares: m.shares.map((s, i) => (i === 0 ? { ...s, recipient: stranger } : s)),
    };
    expectProtocolError(
      await caught(() => c.aggregator.receiveShareKeys(bent)),
      'SECAGG_INVALID_MESSAGE',
      'share-keys',
      sender,
    );
    expect(isDropped(c.aggregator, sender)).toBe(true);
  });

  it('SecAgg+: a participant ignores keys and shares from non-neighbours', async () => {
    const c = cohort({ participants: 12, k: 4, t: 3 });
    const { keys, messages } = await setupAll(c);
    const p0 = session(c, 'p000');
    const stranger = c.config.participants.find(
      (id) => id !== 'p000' && !p0.neighbours.includes(id),
    );
    if (stranger === undefined) throw new Error('no stranger');
    const forP0 = keys.find((k) => k.recipient === 'p000') as NeighbourKeysMessage;
    const extended = {
      ...forP0,
      neighbours: [...forP0.neighbours, messages.get(stranger) as SetupMessage],
    };
    const shares = await shareAll(
      c,
      keys.map((k) => (k.recipient === 'p000' ? extended : k)),
    );
    expect((shares.get('p000') as ShareKeysMessage).shares.map((s) => s.recipient)).not.toContain(
      stranger,
    );
    expect(
      p0.rejections.some((e) => e.participantId === stranger && e.stage === 'share-keys'),
    ).toBe(true);

    const routed = await receiveAllShareKeys(c, shares);
    const toP0 = routed.find((r) => r.recipient === 'p000') as RoutedSharesMessage;
    const strangerShare = routed.flatMap((r) => r.shares).find((s) => s.share.sender === stranger);
    if (strangerShare === undefined) throw new Error('no share from the stranger');
    toP0.shares.push(strangerShare);
    const { result, encoded } = await finishHonestly(c, routed);
    expect(p0.maskedWith).not.toContain(stranger);
    expect(
      p0.rejections.some((e) => e.participantId === stranger && e.stage === 'collect-masked'),
    ).toBe(true);
    expect(Array.from(result.sum)).toEqual(plainSum(encoded, c.config.participants));
  });
});
