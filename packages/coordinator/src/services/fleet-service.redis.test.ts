import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageHeader } from '@fedra/proto';
import { setupPayload } from '@fedra/secagg';
import { signedContextOf } from '../engine/participant-verifier.js';
import type { AttemptRecord } from '../state/state-types.js';
import { SCIENTIST, startCoordinator, TEST_FEDERATION } from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { openStalledAttempt } from './testing/stalled-attempt.js';
import { refused, unary } from './testing/test-clients.js';

let f: CoordinatorFixture;
let experimentId: string;
let attempt: AttemptRecord;
let participant: string;
let outsider: string;

const worker = (id: string): string => {
  const region = Number(id.slice(1)) % 2 === 1 ? 'eu' : 'us';
  return `spiffe://${TEST_FEDERATION}/region/${region}/worker/${id}`;
};

function header(overrides: Partial<StageHeader> = {}): StageHeader {
  return {
    experimentId,
    roundNumber: 1,
    attempt: 1,
    stage: 'STAGE_SETUP',
    sender: participant,
    ...overrides,
  };
}

function setup(overrides: Partial<StageHeader> = {}, keyBytes = 32) {
  return {
    setup: {
      header: header(overrides),
      encryptionPublicKey: randomBytes(keyBytes),
      maskingPublicKey: randomBytes(32),
      signature: randomBytes(64),
    },
  };
}

/** A setup message from `sender` with fresh keys, signed with its identity key. */
async function signedSetup(sender: string) {
  const message = setup({ sender });
  const { encryptionPublicKey, maskingPublicKey } = message.setup;
  const signer = f.identities.signers.get(sender);
  if (signer === undefined) throw new Error(`no identity for ${sender}`);
  const payload = setupPayload(
    signedContextOf(attempt),
    sender,
    encryptionPublicKey,
    maskingPublicKey,
  );
  return { setup: { ...message.setup, signature: Buffer.from(await signer.sign(payload)) } };
}

beforeAll(async () => {
  f = await startCoordinator(6);
  // Nobody answers the invitation, so the attempt stays in setup.
  attempt = await openStalledAttempt(f, 6);
  experimentId = attempt.experimentId;
  const selected = attempt.participants.map((p) => p.workerId);
  participant = selected[0] ?? '';
  outsider = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].find((id) => !selected.includes(id)) ?? '';
});

afterAll(async () => {
  await f.close();
});

describe('FleetService stage messages', () => {
  it('refuses a message for another stage with WRONG_STAGE naming both stages', async () => {
    const error = await refused(
      unary(
        (m, cb) =>
          f.clients.fleet.submitShares(
            {
              shareKeys: {
                header: header({ stage: 'STAGE_SHARE_KEYS' }),
                bCommitment: randomBytes(32),
                shares: [],
              },
            },
            m,
            cb,
          ),
        worker(participant),
      ),
    );
    expect(error.code).toBe('WRONG_STAGE');
    expect(error.metadata).toMatchObject({
      currentStage: 'setup',
      receivedStage: 'share-keys',
      attempt: '1',
    });
  });

  it('refuses another attempt with STALE_ATTEMPT and another round with ROUND_NOT_OPEN', async () => {
    const stale = await refused(
      unary(
        (m, cb) => f.clients.fleet.submitSetup(setup({ attempt: 2 }), m, cb),
        worker(participant),
      ),
    );
    expect(stale.code).toBe('STALE_ATTEMPT');
    expect(stale.metadata).toMatchObject({ attempt: '1', receivedAttempt: '2' });
    const round = await refused(
      unary(
        (m, cb) => f.clients.fleet.submitSetup(setup({ roundNumber: 2 }), m, cb),
        worker(participant),
      ),
    );
    expect(round.code).toBe('ROUND_NOT_OPEN');
  });

  it('refuses a worker that was not selected with NOT_A_PARTICIPANT', async () => {
    const error = await refused(
      unary(
        (m, cb) => f.clients.fleet.submitSetup(setup({ sender: outsider }), m, cb),
        worker(outsider),
      ),
    );
    expect(error.code).toBe('NOT_A_PARTICIPANT');
    expect(error.metadata['workerId']).toBe(outsider);
  });

  it('refuses a message that names another worker as its sender with IDENTITY_MISMATCH', async () => {
    const other = attempt.participants[1]?.workerId ?? '';
    const error = await refused(
      unary(
        (m, cb) => f.clients.fleet.submitSetup(setup({ sender: other }), m, cb),
        worker(participant),
      ),
    );
    expect(error.code).toBe('IDENTITY_MISMATCH');
  });

  it('refuses malformed keys with SECAGG_INVALID_MESSAGE, stores nothing and drops the sender', async () => {
    const second = attempt.participants[1]?.workerId ?? '';
    const error = await refused(
      unary(
        (m, cb) => f.clients.fleet.submitSetup(setup({ sender: second }, 31), m, cb),
        worker(second),
      ),
    );
    expect(error.code).toBe('SECAGG_INVALID_MESSAGE');
    expect(
      await f.coordinator.context.attempts.inboxMessage(attempt, 'setup', second),
    ).toBeUndefined();
    const drops = await f.coordinator.context.attempts.drops(attempt);
    expect(drops.find((d) => d.workerId === second)).toMatchObject({
      reason: 'INVALID_MESSAGE',
      detail: 'SECAGG_INVALID_MESSAGE',
    });
  });

  it('accepts an identical resend; a different second message is refused and drops its sender', async () => {
    const first = await signedSetup(participant);
    await unary((m, cb) => f.clients.fleet.submitSetup(first, m, cb), worker(participant));
    const stored = await f.coordinator.context.attempts.inboxMessage(attempt, 'setup', participant);
    expect(stored).toBeDefined();
    await unary((m, cb) => f.clients.fleet.submitSetup(first, m, cb), worker(participant));
    const second = await signedSetup(participant);
    const error = await refused(
      unary((m, cb) => f.clients.fleet.submitSetup(second, m, cb), worker(participant)),
    );
    expect(error.code).toBe('SECAGG_REPLAY');
    // Equivocation: neither message is kept, and the sender is out of the attempt.
    expect(
      await f.coordinator.context.attempts.inboxMessage(attempt, 'setup', participant),
    ).toBeUndefined();
    const drops = await f.coordinator.context.attempts.drops(attempt);
    expect(drops.find((d) => d.workerId === participant)).toMatchObject({
      reason: 'INVALID_MESSAGE',
      detail: 'SECAGG_REPLAY',
      stage: 'setup',
    });
    const again = await refused(
      unary((m, cb) => f.clients.fleet.submitSetup(first, m, cb), worker(participant)),
    );
    expect(again.code).toBe('NOT_A_PARTICIPANT');
    const now = await f.coordinator.context.attempts.get(attempt);
    expect(now?.stage).toBe('setup');
    expect(now?.epoch).toBe(0);
  });

  it('refuses a signature that does not verify with SECAGG_BAD_SIGNATURE, stores nothing and drops the sender', async () => {
    const sender = attempt.participants[2]?.workerId ?? '';
    const other = attempt.participants[3]?.workerId ?? '';
    // Well-formed, but signed by another participant's key.
    const forged = await signedSetup(other);
    forged.setup.header.sender = sender;
    const error = await refused(
      unary((m, cb) => f.clients.fleet.submitSetup(forged, m, cb), worker(sender)),
    );
    expect(error.code).toBe('SECAGG_BAD_SIGNATURE');
    expect(
      await f.coordinator.context.attempts.inboxMessage(attempt, 'setup', sender),
    ).toBeUndefined();
    expect(
      (await f.coordinator.context.attempts.drops(attempt)).find((d) => d.workerId === sender),
    ).toMatchObject({
      reason: 'INVALID_MESSAGE',
      detail: 'SECAGG_BAD_SIGNATURE',
      stage: 'setup',
    });
    // Correctly signed now, it is too late: the sender is out of the attempt.
    const signed = await signedSetup(sender);
    const again = await refused(
      unary((m, cb) => f.clients.fleet.submitSetup(signed, m, cb), worker(sender)),
    );
    expect(again.code).toBe('NOT_A_PARTICIPANT');
  });

  it("refuses a worker calling the data scientists' API with PERMISSION_DENIED", async () => {
    const error = await refused(
      unary(
        (m, cb) => f.clients.experiments.getExperiment({ experimentId }, m, cb),
        worker(participant),
      ),
    );
    expect(error.code).toBe('PERMISSION_DENIED');
  });

  it('aborts the open attempt when the experiment is cancelled', async () => {
    await unary(
      (m, cb) =>
        f.clients.experiments.cancelExperiment(
          { requestId: randomUUID(), experimentId, reason: 'enough' },
          m,
          cb,
        ),
      SCIENTIST,
    );
    const until = Date.now() + 20_000;
    let stage = '';
    while (Date.now() < until) {
      const now = await f.coordinator.context.attempts.get(attempt);
      stage = now?.stage ?? '';
      if (stage === 'aborted') {
        expect(now?.abortReason).toBe('CANCELLED');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stage).toBe('aborted');
    const error = await refused(
      unary((m, cb) => f.clients.fleet.submitSetup(setup(), m, cb), worker(participant)),
    );
    expect(error.code).toBe('ROUND_NOT_OPEN');
  });
});
