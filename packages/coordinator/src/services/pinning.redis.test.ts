/**
 * Certificate pinning per attempt, over real mTLS: a worker that renews its
 * certificate (new key, same ids) and re-registers mid-round stays in the
 * round; its signatures in that attempt (signed with the key it was
 * selected with) are verified against the certificate pinned at selection,
 * not the one it registered since; its next attempt pins and verifies the
 * new certificate.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IdentityVerifier } from '@fedra/secagg';
import { createCertificateVerifier } from '../engine/participant-verifier.js';
import { createTestPki } from '../identity/testing.js';
import type { TestCertificate, TestPki } from '../identity/testing.js';
import { createAndStart, DATASET, defaultUpdate, testSpec } from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { waitFor } from './testing/committed-rounds.js';
import { certificateSigner, connectMtls, startMtlsCoordinator } from './testing/mtls-fixture.js';
import { ScriptedWorker } from './testing/scripted-worker.js';
import type { TestClients } from './testing/test-clients.js';

/** How long a test waits for a state it polls (generous, for a loaded machine), and how often it looks. */
const WAIT_MS = 90_000;
const POLL_MS = 20;

const WORKERS = 5;

let pki: TestPki;
let f: CoordinatorFixture;
let address: string;
let scientist: TestClients;
const opened: TestClients[] = [];
const workers: ScriptedWorker[] = [];
/** Every certificate issued to each worker id: what peers trust (the region CA vouches for all). */
const issued = new Map<string, TestCertificate[]>();

function der(certificate: TestCertificate): Buffer {
  return Buffer.from(new X509Certificate(certificate.certPem).raw);
}

/** Peers accept a signature under any certificate issued to the signer. */
const peerVerifier: IdentityVerifier = {
  async verify(participantId, message, signature) {
    for (const certificate of issued.get(participantId) ?? []) {
      const verifier = createCertificateVerifier(() => Promise.resolve(der(certificate)), {
        insecure: false,
      });
      if (await verifier.verify(participantId, message, signature)) return true;
    }
    return false;
  },
};

function connect(certificate: TestCertificate): TestClients {
  const clients = connectMtls(pki, address, certificate);
  opened.push(clients);
  return clients;
}

async function issueWorker(workerId: string): Promise<TestCertificate> {
  const region = Number(workerId.slice(1)) % 2 === 1 ? 'eu' : 'us';
  const certificate = await pki.issueWorker(region, workerId);
  issued.set(workerId, [...(issued.get(workerId) ?? []), certificate]);
  return certificate;
}

beforeAll(async () => {
  pki = await createTestPki();
  f = await startMtlsCoordinator(pki, 0);
  address = `127.0.0.1:${String(f.coordinator.port)}`;
  scientist = connect(pki.scientist);
  for (let i = 1; i <= WORKERS; i += 1) {
    const workerId = `w${i}`;
    const certificate = await issueWorker(workerId);
    const worker = new ScriptedWorker({
      client: connect(certificate).fleet,
      federation: pki.federation,
      region: i % 2 === 1 ? 'eu' : 'us',
      workerId,
      signer: certificateSigner(workerId, certificate),
      verifier: peerVerifier,
      dataset: DATASET,
      update: (round, params) => defaultUpdate(workerId, round, params),
      // w5 sits out round 1's setup, so that stage stays open until its deadline.
      dropAt: (round, _attempt, id) => (round === 1 && id === 'w5' ? 'before-setup' : undefined),
    });
    await worker.start();
    workers.push(worker);
  }
}, 60_000);

afterAll(async () => {
  for (const worker of workers) worker.stop();
  for (const clients of opened) clients.close();
  await f.close();
});

it('verifies a renewed worker against the certificate pinned in its attempt; the next attempt pins the new one', async () => {
  const experimentId = await createAndStart(
    f,
    testSpec({
      rounds: 2,
      minParticipants: 4,
      targetParticipants: WORKERS,
      deadlines: {
        setup: { seconds: 6 },
        shareKeys: { seconds: 60 },
        collectMasked: { seconds: 60 },
        consistencyCheck: { seconds: 60 },
        unmask: { seconds: 60 },
      },
    }),
    scientist.experiments,
  );
  const attempts = f.coordinator.context.attempts;
  const registry = f.coordinator.context.registry;
  const round1 = { experimentId, roundNumber: 1, attempt: 1 };
  const round2 = { experimentId, roundNumber: 2, attempt: 1 };
  const [w1] = workers;
  const [oldCertificate] = issued.get('w1') ?? [];
  if (w1 === undefined || oldCertificate === undefined) throw new Error('no w1');

  // w1's setup message (signed with its first key) is in, and setup is still open (w5 is silent).
  await waitFor(
    async () => {
      const message = await attempts.inboxMessage(round1, 'setup', 'w1');
      return message === undefined ? undefined : true;
    },
    'w1 to submit setup',
    WAIT_MS,
    POLL_MS,
  );
  expect((await attempts.get(round1))?.stage).toBe('setup');
  const renewed = await issueWorker('w1');
  await w1.renew(connect(renewed).fleet, certificateSigner('w1', renewed));
  expect((await registry.find('w1'))?.certificateDer.equals(der(renewed))).toBe(true);
  expect(
    (await attempts.pinnedCertificates(round1, ['w1'])).get('w1')?.equals(der(oldCertificate)),
  ).toBe(true);
  expect((await attempts.get(round1))?.stage).toBe('setup');

  // Round 2's attempt pins the certificate w1 has now.
  const pinned2 = await waitFor(
    async () => {
      const pinned = await attempts.pinnedCertificates(round2, ['w1']);
      return pinned.get('w1');
    },
    'round 2 to open',
    WAIT_MS,
    POLL_MS,
  );
  expect(pinned2.equals(der(renewed))).toBe(true);

  const finished = await waitFor(
    async () => {
      const record = await f.coordinator.context.experiments.get(experimentId);
      if (record?.state === 'FAILED')
        throw new Error(`the experiment failed: ${record.statusDetail}`);
      return record?.state === 'COMPLETED' ? record : undefined;
    },
    'the experiment to complete',
    WAIT_MS,
    POLL_MS,
  );
  expect(finished.latestModelVersion).toBe(2);
  // Round 1: only the silent w5 dropped (deadline); w1's later signatures verified against the pin.
  expect((await attempts.get(round1))?.stage).toBe('committed');
  expect((await attempts.drops(round1)).map((d) => [d.workerId, d.reason])).toEqual([
    ['w5', 'DEADLINE_MISSED'],
  ]);
  expect((await attempts.get(round2))?.stage).toBe('committed');
  expect(await attempts.drops(round2)).toEqual([]);
  const survivors = async (roundNumber: number) =>
    (
      JSON.parse(
        (await f.redis.hget(
          f.coordinator.context.keys.round(experimentId, roundNumber),
          'metrics',
        )) ?? '{}',
      ) as { survivors?: number }
    ).survivors;
  expect(await survivors(1)).toBe(WORKERS - 1);
  expect(await survivors(2)).toBe(WORKERS);
}, 180_000);
