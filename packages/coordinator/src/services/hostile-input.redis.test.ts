/**
 * Every RPC of the three services, fed at least {@link CASES_PER_RPC}
 * decodable but hostile requests against one coordinator with live round
 * attempts held in each secure-aggregation stage. Each request must be
 * refused with its precise code (status, `fedra-error-code` trailer and
 * ErrorInfo agree), and the coordinator must still serve afterwards.
 * Cases are generated from a fixed seed per RPC; a failure names the RPC,
 * the case index and what the case did.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Metadata, ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FedraErrorCode } from '@fedra/common';
import { SECAGG_STAGES, setupPayload, survivorSetPayload } from '@fedra/secagg';
import type { SecAggStage } from '@fedra/secagg';
import type { StageHeader } from '@fedra/proto';
import { signedContextOf } from '../engine/participant-verifier.js';
import { isValidIdentitySegment } from '../identity/fedra-identity.js';
import { isValidExperimentId } from '../state/state-keys.js';
import {
  ADMIN,
  initialWeights,
  SCIENTIST,
  startCoordinator,
  TEST_FEDERATION,
  testSpec,
} from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { holdAttempts, POOL_SIZE } from './testing/held-attempts.js';
import type { HeldAttempt } from './testing/held-attempts.js';
import {
  callMetadata as identityOf,
  rawClientStream,
  rawServerStream,
  rawUnary,
  healthStatus,
  runHostileCases,
  SeededRandom,
} from './testing/hostile-requests.js';
import type { HostileCase } from './testing/hostile-requests.js';
import { createExperiment, unary } from './testing/test-clients.js';

/** Hostile requests per RPC. */
const CASES_PER_RPC = 200;

const STAGES = SECAGG_STAGES;

const WIRE_STAGE: Readonly<Record<SecAggStage, StageHeader['stage']>> = {
  setup: 'STAGE_SETUP',
  'share-keys': 'STAGE_SHARE_KEYS',
  'collect-masked': 'STAGE_COLLECT_MASKED',
  'consistency-check': 'STAGE_CONSISTENCY_CHECK',
  unmask: 'STAGE_UNMASK',
};

const MALLORY = `spiffe://${TEST_FEDERATION}/scientist/mallory`;
const UNREGISTERED = 'w99';

let f: CoordinatorFixture;
const held = new Map<SecAggStage, HeldAttempt>();
let cancelled: { experimentId: string; requestId: string };
const wallStart = Date.now();

function uri(workerId: string): string {
  const region = Number(workerId.slice(1)) % 2 === 1 ? 'eu' : 'us';
  return `spiffe://${TEST_FEDERATION}/region/${region}/worker/${workerId}`;
}

function heldAt(stage: SecAggStage): HeldAttempt {
  const found = held.get(stage);
  if (found === undefined) throw new Error(`no attempt held in ${stage}`);
  return found;
}

/** The i-th participant (0-based) of the attempt held in `stage`. */
function participant(stage: SecAggStage, i: number): string {
  return heldAt(stage).attempt.participants[i]?.workerId ?? '';
}

function experimentOf(stage: SecAggStage): string {
  return heldAt(stage).attempt.experimentId;
}

/** `workerId`'s identity signature over `payload` (what a participant in good standing sends). */
/**
 * A well-formed header of a `stage` message from `sender` for attempt 1 of
 * round 1 of the experiment held in `heldIn` (`stage`'s own by default).
 */
function headerOf(stage: SecAggStage, sender: string, heldIn: SecAggStage = stage): StageHeader {
  return {
    experimentId: experimentOf(heldIn),
    roundNumber: 1,
    attempt: 1,
    stage: WIRE_STAGE[stage],
    sender,
  };
}

async function signedBy(workerId: string, payload: Uint8Array): Promise<Buffer> {
  const signer = f.identities.signers.get(workerId);
  if (signer === undefined) throw new Error(`no identity for ${workerId}`);
  return Buffer.from(await signer.sign(payload));
}

/** A stage other than `stage`. */
function otherStage(rng: SeededRandom, stage: SecAggStage): SecAggStage {
  return rng.pick(STAGES.filter((s) => s !== stage));
}

/** An experiment id of the right shape that names no experiment. */
function unknownExperimentId(rng: SeededRandom): string {
  return `x${rng.bytes(13).toString('hex')}`;
}

/** A junk experiment id and the code looking it up must give. */
function junkExperimentId(rng: SeededRandom): { id: string; expected: FedraErrorCode } {
  const id = rng.junk(200);
  return { id, expected: isValidExperimentId(id) ? 'EXPERIMENT_NOT_FOUND' : 'INVALID_ARGUMENT' };
}

/** Cases every RPC gets: callers of the wrong role, and callers who are no one. */
function callerCases(
  rng: SeededRandom,
  allowed: 'worker' | 'scientist' | 'admin',
  send: (identity: string) => Promise<ServiceError | null>,
): HostileCase {
  const kind = rng.int(3);
  if (kind === 0) {
    // Metadata values are printable ASCII; anything else never reaches the server.
    const junk = rng
      .pick(['', 'spiffe://other.fed/admin/root', 'https://x/y', rng.junk(300)])
      .replace(/[^\x20-\x7e]/g, '?');
    return {
      label: `identity ${JSON.stringify(junk.slice(0, 40))}`,
      expected: 'UNAUTHENTICATED',
      send: () => send(junk === '' ? 'spiffe://' : junk),
    };
  }
  const others = (['worker', 'scientist', 'admin'] as const).filter((r) => r !== allowed);
  const role = rng.pick(others);
  const identity = role === 'worker' ? uri('w1') : role === 'scientist' ? SCIENTIST : ADMIN;
  return { label: `caller ${role}`, expected: 'PERMISSION_DENIED', send: () => send(identity) };
}

/** Fills up to {@link CASES_PER_RPC} cases, a quarter of them caller cases. */
function generate(
  seed: number,
  allowed: 'worker' | 'scientist' | 'admin',
  send: (identity: string) => Promise<ServiceError | null>,
  make: (rng: SeededRandom, index: number) => HostileCase,
): HostileCase[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: CASES_PER_RPC }, (_, index) =>
    index % 4 === 3 ? callerCases(rng, allowed, send) : make(rng, index),
  );
}

/**
 * A hostile stage header for an RPC of `rpcStage`, from a caller, with the
 * code the coordinator must answer. `send` gets (caller, header or null).
 *
 * @param submit - the header heads a message the caller signs (its sender must be set).
 */
function headerCase(
  rng: SeededRandom,
  rpcStage: SecAggStage,
  submit: boolean,
  send: (caller: string, header: StageHeader | null) => Promise<ServiceError | null>,
  sender: (stage: SecAggStage) => string = (stage) => participant(stage, 0),
): HostileCase {
  const me = sender(rpcStage);
  const valid = headerOf(rpcStage, me);
  const kind = rng.int(12);
  const as = (
    label: string,
    expected: FedraErrorCode,
    header: StageHeader | null,
    caller = me,
  ) => ({
    label,
    expected,
    send: () => send(caller, header),
  });
  switch (kind) {
    case 0:
      return as('no header', 'INVALID_ARGUMENT', null);
    case 1:
      return submit
        ? as('empty sender', 'INVALID_ARGUMENT', { ...valid, sender: '' })
        : as('sender of another worker', 'IDENTITY_MISMATCH', {
            ...valid,
            sender: participant(rpcStage, 1),
          });
    case 2: {
      const junk = rng.junk(100);
      const other = rng.pick([
        participant(rpcStage, 2),
        UNREGISTERED,
        junk === me ? 'x' : junk || 'x',
      ]);
      return as('sender of another worker', 'IDENTITY_MISMATCH', { ...valid, sender: other });
    }
    case 3: {
      const stage = rng.pick([
        'STAGE_UNSPECIFIED',
        6 + rng.int(1000),
        WIRE_STAGE[otherStage(rng, rpcStage)],
      ]) as StageHeader['stage'];
      return as(`header.stage ${String(stage)}`, 'INVALID_ARGUMENT', { ...valid, stage });
    }
    case 4: {
      const junk = junkExperimentId(rng);
      return as('junk experiment id', junk.expected, { ...valid, experimentId: junk.id });
    }
    case 5:
      return as('unknown experiment', 'EXPERIMENT_NOT_FOUND', {
        ...valid,
        experimentId: unknownExperimentId(rng),
      });
    case 6:
      return as('wrong round', 'ROUND_NOT_OPEN', { ...valid, roundNumber: rng.uint32Except(1) });
    case 7:
      return as('wrong attempt', 'STALE_ATTEMPT', { ...valid, attempt: rng.uint32Except(1) });
    case 8: {
      // A participant of another held attempt is an outsider here.
      const outsider = participant(otherStage(rng, rpcStage), rng.int(POOL_SIZE));
      return as(
        'outsider',
        'NOT_A_PARTICIPANT',
        { ...valid, sender: submit ? outsider : '' },
        outsider,
      );
    }
    case 9:
      return as(
        'unregistered worker',
        'NOT_A_PARTICIPANT',
        { ...valid, sender: UNREGISTERED },
        UNREGISTERED,
      );
    case 10: {
      // The right stage for this RPC, but the attempt is in another one.
      const stage = otherStage(rng, rpcStage);
      const caller = sender(stage);
      return as(`attempt in ${stage}`, 'WRONG_STAGE', headerOf(rpcStage, caller, stage), caller);
    }
    default:
      return as('header of a round that never was', 'ROUND_NOT_OPEN', {
        ...valid,
        roundNumber: 0,
      });
  }
}

beforeAll(async () => {
  f = await startCoordinator(POOL_SIZE * STAGES.length);
  for (const attempt of await holdAttempts(f, STAGES)) held.set(attempt.stage, attempt);
  // An experiment that is already over, for calls that need one.
  const requestId = randomUUID();
  const created = await createExperiment(f.clients.experiments, SCIENTIST, {
    requestId: randomUUID(),
    spec: testSpec({ rounds: 1 }),
    weights: initialWeights(),
  });
  const experimentId = created.experiment?.experimentId ?? '';
  await unary(
    (m, cb) =>
      f.clients.experiments.cancelExperiment({ requestId, experimentId, reason: 'done' }, m, cb),
    SCIENTIST,
  );
  cancelled = { experimentId, requestId };
}, 120_000);

afterAll(async () => {
  for (const attempt of held.values()) for (const worker of attempt.workers) worker.stop();
  await f.close();
  // The suite's wall time, for the report; not asserted.
  console.info(`hostile-input suite: ${Math.round((Date.now() - wallStart) / 1000)} s`);
});

/** Runs `cases` and expects every one refused precisely. */
async function expectAllRefused(rpc: string, cases: readonly HostileCase[]): Promise<void> {
  expect(cases.length).toBeGreaterThanOrEqual(CASES_PER_RPC);
  expect(await runHostileCases(rpc, cases)).toEqual([]);
}

describe('FleetService under hostile input', () => {
  const fleet = () => f.clients.fleet;

  it('Register', async () => {
    const send = (identity: string, request: object) =>
      rawUnary((m, cb) => fleet().register(request, m, cb), identity);
    const valid = { protocolVersion: 1, secaggSuites: ['fedra-secagg-plus-v1'] };
    const suite = (await import('@fedra/secagg')).SECAGG_SUITE;
    const base = { ...valid, secaggSuites: [suite] };
    const cases = generate(
      1,
      'worker',
      (id) => send(id, base),
      (rng) => {
        const kind = rng.int(6);
        const me = uri(participant('setup', 4));
        switch (kind) {
          case 0:
            return {
              label: 'protocol version',
              expected: 'UNSUPPORTED_PROTOCOL',
              send: () => send(me, { ...base, protocolVersion: rng.uint32Except(1) }),
            };
          case 1:
            return {
              label: 'no supported suite',
              expected: 'UNSUPPORTED_PROTOCOL',
              send: () =>
                send(me, {
                  ...base,
                  secaggSuites: Array.from({ length: rng.int(5) }, () => rng.junk(100)).filter(
                    (s) => s !== suite,
                  ),
                }),
            };
          case 2:
            return {
              label: 'backend out of range',
              expected: 'INVALID_ARGUMENT',
              send: () => send(me, { ...base, backend: 5 + rng.int(1000) }),
            };
          case 3: {
            const field = rng.pick(['workerVersion', 'datasets', 'gpus', 'suites', 'shape']);
            const big = 'v'.repeat(129 + rng.int(10_000));
            const request =
              field === 'workerVersion'
                ? { ...base, workerVersion: big }
                : field === 'datasets'
                  ? {
                      ...base,
                      datasets: Array.from({ length: 65 + rng.int(100) }, (_, i) => ({
                        name: `d${i}`,
                      })),
                    }
                  : field === 'gpus'
                    ? { ...base, device: { gpus: Array.from({ length: 17 }, () => 'gpu') } }
                    : field === 'suites'
                      ? { ...base, secaggSuites: [suite, ...Array.from({ length: 16 }, () => 'x')] }
                      : {
                          ...base,
                          datasets: [
                            { name: 'toy', inputShape: Array.from({ length: 9 }, () => 1) },
                          ],
                        };
            return {
              label: `oversized ${field}`,
              expected: 'INVALID_ARGUMENT',
              send: () => send(me, request),
            };
          }
          case 4: {
            const name = rng.pick(['', 'UPPER', '../x', 'a'.repeat(64), rng.junk(100)]);
            return {
              label: 'dataset name',
              expected: isValidIdentitySegment(name) ? 'ALREADY_EXISTS' : 'INVALID_ARGUMENT',
              // Claimed from the other region: refused even when the body is fine.
              send: () =>
                send(
                  me.replace('/region/eu/', '/region/us/').replace('/region/us/', '/region/eu/'),
                  {
                    ...base,
                    datasets: [{ name }],
                  },
                ),
            };
          }
          default: {
            const id = participant('setup', 0);
            const otherRegion = Number(id.slice(1)) % 2 === 1 ? 'us' : 'eu';
            return {
              label: 'known worker id claimed in another region',
              expected: 'ALREADY_EXISTS',
              send: () =>
                send(`spiffe://${TEST_FEDERATION}/region/${otherRegion}/worker/${id}`, base),
            };
          }
        }
      },
    );
    await expectAllRefused('Register', cases);
  });

  it('Heartbeat', async () => {
    const send = (identity: string, request: object) =>
      rawUnary((m, cb) => fleet().heartbeat(request, m, cb), identity);
    const owner = heldAt('setup').workers[0];
    const other = heldAt('setup').workers[1];
    if (owner === undefined || other === undefined) throw new Error('no workers');
    const cases = generate(
      2,
      'worker',
      (id) => send(id, { sessionId: owner.sessionId }),
      (rng) => {
        const kind = rng.int(5);
        switch (kind) {
          case 0:
            return {
              label: 'junk session',
              expected: 'SESSION_NOT_FOUND',
              send: () => send(owner.identity, { sessionId: rng.junk(300) }),
            };
          case 1:
            return {
              label: "another worker's session",
              expected: 'SESSION_NOT_FOUND',
              send: () => send(other.identity, { sessionId: owner.sessionId }),
            };
          case 2:
            return {
              label: 'unregistered worker',
              expected: 'SESSION_NOT_FOUND',
              send: () => send(uri(UNREGISTERED), { sessionId: owner.sessionId }),
            };
          case 3:
            return {
              label: 'activity out of range',
              expected: 'INVALID_ARGUMENT',
              send: () =>
                send(owner.identity, { sessionId: owner.sessionId, activity: 4 + rng.int(100) }),
            };
          default: {
            const tooMany = rng.int(2) === 0;
            const attempts = tooMany
              ? Array.from({ length: 65 + rng.int(100) }, () => ({
                  experimentId: 'x1',
                  roundNumber: 1,
                  attempt: 1,
                }))
              : [{ experimentId: rng.pick(['', '../x', '$']), roundNumber: 1, attempt: 1 }];
            return {
              label: tooMany ? 'too many attempts' : 'bad attempt id',
              expected: 'INVALID_ARGUMENT',
              send: () =>
                send(owner.identity, { sessionId: owner.sessionId, activeAttempts: attempts }),
            };
          }
        }
      },
    );
    await expectAllRefused('Heartbeat', cases);
  });

  it('StreamTasks', async () => {
    const send = (identity: string, request: object) =>
      rawServerStream(fleet().streamTasks(request, identityOf(identity)));
    const owner = heldAt('setup').workers[2];
    if (owner === undefined) throw new Error('no worker');
    const cases = generate(
      3,
      'worker',
      (id) => send(id, { sessionId: owner.sessionId }),
      (rng) => {
        if (rng.int(2) === 0) {
          return {
            label: 'junk session',
            expected: 'SESSION_NOT_FOUND',
            send: () => send(owner.identity, { sessionId: rng.junk(300) }),
          };
        }
        const cursor = rng.pick([
          'x',
          '1-',
          '-1',
          '1-2-3',
          'a'.repeat(100),
          '99999999999999999999999-1',
        ]);
        return {
          label: `resume cursor ${cursor.slice(0, 20)}`,
          expected: 'INVALID_ARGUMENT',
          send: () => send(owner.identity, { sessionId: owner.sessionId, resumeCursor: cursor }),
        };
      },
    );
    await expectAllRefused('StreamTasks', cases);
  });

  it('DownloadModel', async () => {
    const attempt = heldAt('collect-masked').attempt;
    const me = uri(participant('collect-masked', 0));
    const sha = Buffer.from(attempt.baseModelSha256, 'hex');
    const send = (identity: string, request: object) =>
      rawServerStream(fleet().downloadModel(request, identityOf(identity)));
    const ref = { experimentId: attempt.experimentId, roundNumber: 1, attempt: 1 };
    const cases = generate(
      4,
      'worker',
      (id) => send(id, { attempt: ref, modelSha256: sha }),
      (rng) => {
        const kind = rng.int(7);
        const as = (label: string, expected: FedraErrorCode, request: object, caller = me) => ({
          label,
          expected,
          send: () => send(caller, request),
        });
        switch (kind) {
          case 0:
            return as('no attempt', 'INVALID_ARGUMENT', { modelSha256: sha });
          case 1: {
            const junk = junkExperimentId(rng);
            return as(
              'junk experiment id',
              junk.expected === 'EXPERIMENT_NOT_FOUND' ? 'ROUND_NOT_OPEN' : 'INVALID_ARGUMENT',
              {
                attempt: { ...ref, experimentId: junk.id },
                modelSha256: sha,
              },
            );
          }
          case 2:
            return as('wrong round or attempt', 'ROUND_NOT_OPEN', {
              attempt: { ...ref, [rng.pick(['roundNumber', 'attempt'])]: rng.uint32Except(1) },
              modelSha256: sha,
            });
          case 3: {
            const outsider = participant('setup', rng.int(POOL_SIZE));
            return as(
              'outsider',
              'NOT_A_PARTICIPANT',
              { attempt: ref, modelSha256: sha },
              uri(outsider),
            );
          }
          case 4:
            return as('wrong model hash', 'INVALID_ARGUMENT', {
              attempt: ref,
              modelSha256: rng.bytes(rng.pick([0, 16, 32, 64])),
            });
          case 5:
            return as('offset past the end', 'OUT_OF_RANGE', {
              attempt: ref,
              modelSha256: sha,
              offset: 44 + 4 * rng.int(1_000_000),
            });
          default:
            return as('misaligned offset', 'INVALID_ARGUMENT', {
              attempt: ref,
              modelSha256: sha,
              offset: 1 + 4 * rng.int(9),
            });
        }
      },
    );
    await expectAllRefused('FleetService.DownloadModel', cases);
  });

  it('SubmitSetup', async () => {
    const send = (caller: string, header: StageHeader | null, body: object = {}) =>
      rawUnary(
        (m, cb) =>
          fleet().submitSetup(
            {
              setup: {
                header,
                encryptionPublicKey: Buffer.alloc(32, 1),
                maskingPublicKey: Buffer.alloc(32, 2),
                signature: Buffer.alloc(64, 3),
                ...body,
              },
            },
            m,
            cb,
          ),
        uri(caller),
      );
    const valid = (sender: string) => headerOf('setup', sender);
    // A message that verifies, then a different one (also signed): equivocation.
    const context = signedContextOf(heldAt('setup').attempt);
    const signedSetup = async (sender: string, fill: number) => {
      const encryptionPublicKey = Buffer.alloc(32, fill);
      const maskingPublicKey = Buffer.alloc(32, 2);
      const payload = setupPayload(context, sender, encryptionPublicKey, maskingPublicKey);
      return { encryptionPublicKey, maskingPublicKey, signature: await signedBy(sender, payload) };
    };
    const equivocator = participant('setup', 1);
    expect(
      await send(equivocator, valid(equivocator), await signedSetup(equivocator, 1)),
    ).toBeNull();
    const second = await signedSetup(equivocator, 7);
    // Signed by the sender, but over other keys, or by another participant.
    const me = participant('setup', 2);
    const forged = [
      { ...(await signedSetup(me, 1)), encryptionPublicKey: Buffer.alloc(32, 8) },
      { ...(await signedSetup(participant('setup', 3), 1)) },
      { signature: Buffer.alloc(64, 3) },
    ];
    const cases = generate(
      5,
      'worker',
      (id) => sendAs(id),
      (rng, index) => {
        if (index === 0) {
          return {
            label: 'a different second setup',
            expected: 'SECAGG_REPLAY',
            send: () => send(equivocator, valid(equivocator), second),
          };
        }
        if (rng.int(3) > 0) return headerCase(rng, 'setup', true, (c, h) => send(c, h));
        if (rng.int(2) === 0) {
          const kind = rng.int(forged.length);
          const body = forged[kind] ?? {};
          return {
            label: `bad signature (${kind})`,
            expected: 'SECAGG_BAD_SIGNATURE',
            send: () => send(me, valid(me), body),
          };
        }
        const field = rng.pick(['encryptionPublicKey', 'maskingPublicKey', 'signature']);
        const length =
          field === 'signature' ? rng.pick([0, 513, 4096]) : rng.pick([0, 1, 31, 33, 64, 4096]);
        return {
          label: `${field} of ${length} bytes`,
          expected: 'SECAGG_INVALID_MESSAGE',
          send: () => send(me, valid(me), { [field]: rng.bytes(length) }),
        };
      },
    );
    function sendAs(identity: string) {
      return rawUnary((m, cb) => fleet().submitSetup({ setup: null }, m, cb), identity);
    }
    cases.push({
      label: 'no setup at all',
      expected: 'INVALID_ARGUMENT',
      send: () => rawUnary((m, cb) => fleet().submitSetup({}, m, cb), uri(participant('setup', 0))),
    });
    await expectAllRefused('SubmitSetup', cases);
  });

  it('GetShareKeys', async () => {
    const send = (caller: string, header: StageHeader | null) =>
      rawUnary((m, cb) => fleet().getShareKeys({ header }, m, cb), uri(caller));
    const cases = generate(
      6,
      'worker',
      (id) => rawUnary((m, cb) => fleet().getShareKeys({ header: null }, m, cb), id),
      (rng) => headerCase(rng, 'share-keys', false, send),
    );
    await expectAllRefused('GetShareKeys', cases);
  });

  it('SubmitShares', async () => {
    const valid = (sender: string) => headerOf('share-keys', sender);
    const share = (sender: string, recipient: string) => ({
      sender,
      recipient,
      ciphertext: Buffer.alloc(80, 1),
      bShareHash: Buffer.alloc(32, 2),
      skShareHash: Buffer.alloc(32, 3),
      signature: Buffer.alloc(64, 4),
    });
    const send = (caller: string, header: StageHeader | null, body: object = {}) =>
      rawUnary(
        (m, cb) =>
          fleet().submitShares(
            { shareKeys: { header, bCommitment: Buffer.alloc(32, 5), shares: [], ...body } },
            m,
            cb,
          ),
        uri(caller),
      );
    const equivocator = participant('share-keys', 1);
    expect(await send(equivocator, valid(equivocator))).toBeNull();
    const cases = generate(
      7,
      'worker',
      (id) => rawUnary((m, cb) => fleet().submitShares({ shareKeys: null }, m, cb), id),
      (rng, index) => {
        if (index === 0) {
          return {
            label: 'a different second share-keys message',
            expected: 'SECAGG_REPLAY',
            send: () => send(equivocator, valid(equivocator), { bCommitment: Buffer.alloc(32, 6) }),
          };
        }
        if (rng.int(3) > 0) return headerCase(rng, 'share-keys', true, (c, h) => send(c, h));
        const me = participant('share-keys', 2 + rng.int(2));
        const peer = participant('share-keys', 0);
        const kind = rng.int(8);
        if (kind === 7) {
          return {
            label: 'a share with a bad signature',
            expected: 'SECAGG_BAD_SIGNATURE',
            send: () => send(me, valid(me), { shares: [share(me, peer)] }),
          };
        }
        const body =
          kind === 0
            ? { bCommitment: rng.bytes(rng.pick([0, 31, 33, 1000])) }
            : kind === 1
              ? { shares: Array.from({ length: 256 }, () => share(me, peer)) }
              : kind === 2
                ? { shares: [share(rng.pick([peer, 'w1', '']), peer)] }
                : kind === 3
                  ? { shares: [share(me, rng.pick([me, UNREGISTERED, participant('setup', 0)]))] }
                  : kind === 4
                    ? { shares: [share(me, peer), share(me, peer)] }
                    : kind === 5
                      ? { shares: [{ ...share(me, peer), ciphertext: rng.bytes(4097) }] }
                      : { shares: [{ ...share(me, peer), signature: rng.bytes(513) }] };
        return {
          label: `malformed shares (${kind})`,
          expected: 'SECAGG_INVALID_MESSAGE',
          send: () => send(me, valid(me), body),
        };
      },
    );
    await expectAllRefused('SubmitShares', cases);
  });

  for (const [rpc, seed] of [
    ['GetShares', 8],
    ['GetUploadOffset', 9],
  ] as const) {
    it(rpc, async () => {
      const call = (
        request: { header: StageHeader | null },
        metadata: Metadata,
        callback: (error: ServiceError | null) => void,
      ) =>
        rpc === 'GetShares'
          ? fleet().getShares(request, metadata, callback)
          : fleet().getUploadOffset(request, metadata, callback);
      const send = (caller: string, header: StageHeader | null) =>
        rawUnary((m, cb) => call({ header }, m, cb), uri(caller));
      const cases = generate(
        seed,
        'worker',
        (id) => rawUnary((m, cb) => call({ header: null }, m, cb), id),
        (rng) => headerCase(rng, 'collect-masked', false, send),
      );
      await expectAllRefused(rpc, cases);
    });
  }

  it('UploadMasked', async () => {
    const honest = participant('collect-masked', 0);
    const offsets = await unary<{ totalBytes: number }>(
      (m, cb) =>
        fleet().getUploadOffset(
          {
            header: headerOf('collect-masked', honest),
          },
          m,
          cb,
        ),
      uri(honest),
    );
    const total = offsets.totalBytes;
    expect(total).toBeGreaterThan(0);
    const header = (sender: string) => headerOf('collect-masked', sender);
    const start = (h: StageHeader | null, extra: object = {}) => ({
      start: { header: h, offset: 0, totalBytes: total, rejectedShares: [], ...extra },
    });
    const chunk = (offset: number, data: Buffer, extra: object = {}) => ({
      chunk: { offset, data, totalBytes: total, sha256: Buffer.alloc(0), ...extra },
    });
    const send = (caller: string, messages: object[]) =>
      rawClientStream((m, cb) => fleet().uploadMasked(m, cb), uri(caller), messages);
    // Offenders are dropped (their first offence is refused with its own
    // code, later uploads as NOT_A_PARTICIPANT); the honest participant
    // sends only what leaves its staged upload empty.
    const dropped = new Set<string>();
    const offence = (me: string, code: FedraErrorCode): FedraErrorCode => {
      if (dropped.has(me)) return 'NOT_A_PARTICIPANT';
      dropped.add(me);
      return code;
    };
    const cases = generate(
      10,
      'worker',
      (id) => rawClientStream((m, cb) => fleet().uploadMasked(m, cb), id, [start(header(honest))]),
      (rng) => {
        const kind = rng.int(11);
        const me = participant('collect-masked', 1 + rng.int(POOL_SIZE - 1));
        const full = rng.bytes(total);
        const digest = createHash('sha256').update(full).digest();
        switch (kind) {
          case 0:
            return headerCase(
              rng,
              'collect-masked',
              true,
              (c, h) => send(c, [start(h)]),
              (stage) => (stage === 'collect-masked' ? honest : participant(stage, 0)),
            );
          case 1:
            return {
              label: 'chunk before start',
              expected: 'INVALID_ARGUMENT',
              send: () => send(honest, [chunk(0, full)]),
            };
          case 2:
            return {
              label: 'empty stream',
              expected: 'INVALID_ARGUMENT',
              send: () => send(honest, []),
            };
          case 3:
            return {
              label: 'start offset ahead of the staged bytes',
              expected: 'CHUNK_GAP',
              send: () => send(honest, [start(header(honest), { offset: 4 + 4 * rng.int(100) })]),
            };
          case 4:
            return {
              label: 'chunk after a gap',
              expected: 'CHUNK_GAP',
              send: () =>
                send(honest, [
                  start(header(honest)),
                  chunk(4 * (1 + rng.int(4)), full.subarray(0, 4)),
                ]),
            };
          case 5:
            return {
              label: 'whole vector, wrong digest',
              expected: 'DIGEST_MISMATCH',
              send: () =>
                send(honest, [
                  start(header(honest)),
                  chunk(0, full, { sha256: createHash('sha256').update('other').digest() }),
                ]),
            };
          case 6: {
            const wrong = rng.pick([0, total - 4, total + 4, 2 ** 40]);
            return {
              label: `total_bytes ${wrong}`,
              expected: offence(me, 'VECTOR_LENGTH_MISMATCH'),
              send: () => send(me, [start(header(me), { totalBytes: wrong })]),
            };
          }
          case 7: {
            const rejected = rng.pick([[UNREGISTERED], ['w9', 'w8'], [me, me]]);
            return {
              label: 'rejected_shares not sorted participant ids',
              expected: offence(me, 'SECAGG_INVALID_MESSAGE'),
              send: () => send(me, [start(header(me), { rejectedShares: rejected })]),
            };
          }
          case 8:
            return {
              label: 'misaligned chunk',
              expected: offence(me, 'CHUNK_MISALIGNED'),
              send: () =>
                send(me, [start(header(me)), chunk(0, full.subarray(0, 3 + 4 * rng.int(2)))]),
            };
          case 9:
            return {
              label: 'chunk declares another total',
              expected: offence(me, 'TOTAL_MISMATCH'),
              send: () => send(me, [start(header(me)), chunk(0, full, { totalBytes: total + 4 })]),
            };
          default:
            return rng.int(2) === 0
              ? {
                  label: 'more bytes than the vector holds',
                  expected: offence(me, 'CHUNK_OVERSIZE'),
                  send: () => send(me, [start(header(me)), chunk(0, Buffer.concat([full, full]))]),
                }
              : {
                  label: 'digest before the last byte',
                  expected: offence(me, 'STREAM_INCOMPLETE'),
                  send: () =>
                    send(me, [
                      start(header(me)),
                      chunk(0, full.subarray(0, 4), { sha256: digest }),
                    ]),
                };
        }
      },
    );
    await expectAllRefused('UploadMasked', cases);
    // The honest participant's upload is untouched: nothing staged, still expected.
    const after = await unary<{ offset: number; complete: boolean }>(
      (m, cb) => fleet().getUploadOffset({ header: header(honest) }, m, cb),
      uri(honest),
    );
    expect(after).toMatchObject({ offset: 0, complete: false });
  });

  it('GetSurvivorSet and GetUnmaskRequest', async () => {
    for (const [rpc, stage, seed] of [
      ['GetSurvivorSet', 'consistency-check', 11],
      ['GetUnmaskRequest', 'unmask', 12],
    ] as const) {
      const call =
        rpc === 'GetSurvivorSet'
          ? fleet().getSurvivorSet.bind(fleet())
          : fleet().getUnmaskRequest.bind(fleet());
      const send = (caller: string, header: StageHeader | null) =>
        rawUnary((m, cb) => call({ header }, m, cb), uri(caller));
      const cases = generate(
        seed,
        'worker',
        (id) => rawUnary((m, cb) => call({ header: null }, m, cb), id),
        (rng) => headerCase(rng, stage, false, send),
      );
      await expectAllRefused(rpc, cases);
    }
  });

  it('SubmitSurvivorSignature', async () => {
    const valid = (sender: string) => headerOf('consistency-check', sender);
    const send = (
      caller: string,
      header: StageHeader | null,
      signature: Buffer = Buffer.alloc(64, 1),
    ) =>
      rawUnary(
        (m, cb) => fleet().submitSurvivorSignature({ signature: { header, signature } }, m, cb),
        uri(caller),
      );
    // A signature that verifies; a different second one cannot (Ed25519 is
    // deterministic), so it is refused as a bad signature.
    const context = signedContextOf(heldAt('consistency-check').attempt);
    const equivocator = participant('consistency-check', 1);
    const survivorSet = await unary<{ request: { survivors: string[] } | null }>(
      (m, cb) => fleet().getSurvivorSet({ header: valid(equivocator) }, m, cb),
      uri(equivocator),
    );
    const survivors = survivorSet.request?.survivors ?? [];
    expect(survivors).toContain(equivocator);
    const signature = await signedBy(
      equivocator,
      survivorSetPayload(context, equivocator, survivors),
    );
    expect(await send(equivocator, valid(equivocator), signature)).toBeNull();
    const me = participant('consistency-check', 2);
    const forged = [
      await signedBy(me, survivorSetPayload(context, me, survivors.slice(1))),
      signature,
      Buffer.alloc(64, 1),
    ];
    const cases = generate(
      13,
      'worker',
      (id) => rawUnary((m, cb) => fleet().submitSurvivorSignature({ signature: null }, m, cb), id),
      (rng, index) => {
        if (index === 0) {
          return {
            label: 'a different second signature',
            expected: 'SECAGG_BAD_SIGNATURE',
            send: () => send(equivocator, valid(equivocator), Buffer.alloc(64, 2)),
          };
        }
        if (rng.int(3) > 0) return headerCase(rng, 'consistency-check', true, (c, h) => send(c, h));
        if (rng.int(2) === 0) {
          const kind = rng.int(forged.length);
          const bad = forged[kind] ?? Buffer.alloc(64);
          return {
            label: `bad signature (${kind})`,
            expected: 'SECAGG_BAD_SIGNATURE',
            send: () => send(me, valid(me), bad),
          };
        }
        const length = rng.pick([0, 513, 4096]);
        return {
          label: `signature of ${length} bytes`,
          expected: 'SECAGG_INVALID_MESSAGE',
          send: () => send(me, valid(me), rng.bytes(length)),
        };
      },
    );
    await expectAllRefused('SubmitSurvivorSignature', cases);
  });

  it('SubmitUnmask', async () => {
    const valid = (sender: string) => headerOf('unmask', sender);
    const send = (caller: string, header: StageHeader | null, body: object = {}) =>
      rawUnary(
        (m, cb) =>
          fleet().submitUnmask({ unmask: { header, bShares: [], skShares: [], ...body } }, m, cb),
        uri(caller),
      );
    const equivocator = participant('unmask', 1);
    expect(await send(equivocator, valid(equivocator))).toBeNull();
    const cases = generate(
      14,
      'worker',
      (id) => rawUnary((m, cb) => fleet().submitUnmask({ unmask: null }, m, cb), id),
      (rng, index) => {
        if (index === 0) {
          return {
            label: 'a different second reveal',
            expected: 'SECAGG_REPLAY',
            send: () =>
              send(equivocator, valid(equivocator), {
                bShares: [{ owner: participant('unmask', 0), share: Buffer.alloc(33, 1) }],
              }),
          };
        }
        if (rng.int(3) > 0) return headerCase(rng, 'unmask', true, (c, h) => send(c, h));
        const me = participant('unmask', 2 + rng.int(2));
        const peer = participant('unmask', 0);
        const kind = rng.int(4);
        const share = (owner: string, bytes = 33) => ({ owner, share: rng.bytes(bytes) });
        const body =
          kind === 0
            ? { bShares: Array.from({ length: 513 }, () => share(peer)) }
            : kind === 1
              ? { bShares: [share(rng.pick([UNREGISTERED, participant('setup', 0), '']))] }
              : kind === 2
                ? { bShares: [share(peer)], skShares: [share(peer)] }
                : { skShares: [share(peer, 4097)] };
        return {
          label: `malformed reveal (${kind})`,
          expected: 'SECAGG_INVALID_MESSAGE',
          send: () => send(me, valid(me), body),
        };
      },
    );
    await expectAllRefused('SubmitUnmask', cases);
  });

  it('ReportRefusal', async () => {
    const send = (
      caller: string,
      header: StageHeader | null,
      reason: unknown = 'REFUSAL_REASON_DRAINING',
    ) =>
      rawUnary(
        (m, cb) =>
          fleet().reportRefusal(
            { header, reason: reason as 'REFUSAL_REASON_DRAINING', detail: 'x' },
            m,
            cb,
          ),
        uri(caller),
      );
    const cases = generate(
      15,
      'worker',
      (id) => rawUnary((m, cb) => fleet().reportRefusal({ header: null }, m, cb), id),
      (rng) => {
        const stage = rng.pick(STAGES);
        if (rng.int(3) > 0) {
          const hostile = headerCase(rng, stage, false, (c, h) => send(c, h));
          // ReportRefusal takes its stage from the header: another stage is the wrong one.
          return hostile.label.startsWith('header.stage') &&
            !hostile.label.includes('STAGE_UNSPECIFIED') &&
            !/\d$/.test(hostile.label)
            ? { ...hostile, expected: 'WRONG_STAGE' }
            : hostile;
        }
        const me = participant(stage, 0);
        const reason = rng.pick<unknown>(['REFUSAL_REASON_UNSPECIFIED', 15 + rng.int(1000)]);
        return {
          label: `reason ${String(reason)}`,
          expected: 'INVALID_ARGUMENT',
          send: () => send(me, headerOf(stage, me), reason),
        };
      },
    );
    await expectAllRefused('ReportRefusal', cases);
  });
});

/** Cases shared by every RPC that names an experiment: junk, unknown and someone else's. */
function experimentIdCase(
  rng: SeededRandom,
  send: (identity: string, experimentId: string) => Promise<ServiceError | null>,
): HostileCase {
  const kind = rng.int(3);
  if (kind === 0) {
    const junk = junkExperimentId(rng);
    return {
      label: 'junk experiment id',
      expected: junk.expected,
      send: () => send(SCIENTIST, junk.id),
    };
  }
  if (kind === 1) {
    const id = unknownExperimentId(rng);
    return {
      label: 'unknown experiment',
      expected: 'EXPERIMENT_NOT_FOUND',
      send: () => send(SCIENTIST, id),
    };
  }
  const id = experimentOf(rng.pick(STAGES));
  return {
    label: "another owner's experiment",
    expected: 'EXPERIMENT_NOT_FOUND',
    send: () => send(MALLORY, id),
  };
}

/** A page token this server never issued. */
function junkPageToken(rng: SeededRandom): string {
  return rng.pick([
    rng.junk(300) || 'x',
    Buffer.from(`o:${rng.junk(20)}x`).toString('base64url'),
    Buffer.from('o:-1').toString('base64url'),
    Buffer.from('o:12345678901').toString('base64url'),
  ]);
}

/** Page size and token cases for the list RPCs. */
function pagingCase(
  rng: SeededRandom,
  send: (request: { pageSize?: number; pageToken?: string }) => Promise<ServiceError | null>,
): HostileCase {
  if (rng.int(2) === 0) {
    const pageSize = -1 - rng.int(2 ** 31 - 1);
    return {
      label: `page_size ${pageSize}`,
      expected: 'INVALID_ARGUMENT',
      send: () => send({ pageSize }),
    };
  }
  const pageToken = junkPageToken(rng);
  return {
    label: 'junk page token',
    expected: 'INVALID_ARGUMENT',
    send: () => send({ pageToken }),
  };
}

describe('ExperimentService under hostile input', () => {
  const experiments = () => f.clients.experiments;

  it('GetExperiment, GetHistory and ListExperiments', async () => {
    const get = (identity: string, experimentId: string) =>
      rawUnary((m, cb) => experiments().getExperiment({ experimentId }, m, cb), identity);
    await expectAllRefused(
      'GetExperiment',
      generate(
        21,
        'scientist',
        (id) => get(id, experimentOf('setup')),
        (rng) => experimentIdCase(rng, get),
      ),
    );
    const history = (identity: string, request: object) =>
      rawUnary((m, cb) => experiments().getHistory(request, m, cb), identity);
    await expectAllRefused(
      'GetHistory',
      generate(
        22,
        'scientist',
        (id) => history(id, { experimentId: experimentOf('setup') }),
        (rng) =>
          rng.int(2) === 0
            ? experimentIdCase(rng, (id, experimentId) => history(id, { experimentId }))
            : pagingCase(rng, (r) =>
                history(SCIENTIST, { experimentId: experimentOf('setup'), ...r }),
              ),
      ),
    );
    const list = (identity: string, request: object) =>
      rawUnary((m, cb) => experiments().listExperiments(request, m, cb), identity);
    await expectAllRefused(
      'ExperimentService.ListExperiments',
      generate(
        23,
        'scientist',
        (id) => list(id, {}),
        (rng) => pagingCase(rng, (r) => list(SCIENTIST, r)),
      ),
    );
  });

  it('StartExperiment and CancelExperiment', async () => {
    for (const [rpc, seed] of [
      ['StartExperiment', 24],
      ['CancelExperiment', 25],
    ] as const) {
      const call = (identity: string, request: object) =>
        rawUnary(
          (m, cb) =>
            rpc === 'StartExperiment'
              ? experiments().startExperiment(request, m, cb)
              : experiments().cancelExperiment(request, m, cb),
          identity,
        );
      const cases = generate(
        seed,
        'scientist',
        (id) => call(id, { requestId: randomUUID(), experimentId: experimentOf('setup') }),
        (rng) => {
          const kind = rng.int(4);
          if (kind === 0) {
            const requestId = rng.pick(['', 'a b', 'x'.repeat(129), rng.junk(300)]);
            return {
              label: 'junk request id',
              expected: /^[A-Za-z0-9._~-]{1,128}$/.test(requestId)
                ? 'EXPERIMENT_NOT_RUNNING'
                : 'INVALID_ARGUMENT',
              send: () => call(SCIENTIST, { requestId, experimentId: cancelled.experimentId }),
            };
          }
          if (kind === 1) {
            return experimentIdCase(rng, (identity, experimentId) =>
              call(identity, { requestId: randomUUID(), experimentId }),
            );
          }
          if (kind === 2) {
            // Over already, or (to start) running already.
            const experimentId =
              rpc === 'StartExperiment' && rng.int(2) === 0
                ? experimentOf(rng.pick(STAGES))
                : cancelled.experimentId;
            return {
              label: 'experiment in the wrong state',
              expected: 'EXPERIMENT_NOT_RUNNING',
              send: () => call(SCIENTIST, { requestId: randomUUID(), experimentId }),
            };
          }
          // A request id reused for another request.
          const requestId =
            rpc === 'StartExperiment' ? heldAt('setup').startRequestId : cancelled.requestId;
          return {
            label: 'request id reused with another body',
            expected: 'REQUEST_ID_CONFLICT',
            send: () =>
              call(SCIENTIST, {
                requestId,
                experimentId: experimentOf(rng.pick(STAGES.filter((s) => s !== 'setup'))),
                reason: 'changed',
              }),
          };
        },
      );
      await expectAllRefused(rpc, cases);
    }
    // Nothing above changed a held experiment.
    for (const stage of STAGES) {
      const record = await f.coordinator.context.experiments.get(experimentOf(stage));
      expect(record?.state).toBe('RUNNING');
    }
  });

  it('WatchExperiment and DownloadModel', async () => {
    const watch = (identity: string, request: object) =>
      rawServerStream(experiments().watchExperiment(request, identityOf(identity)));
    await expectAllRefused(
      'WatchExperiment',
      generate(
        26,
        'scientist',
        (id) => watch(id, { experimentId: experimentOf('setup'), cursor: '0-1' }),
        (rng) => {
          const kind = rng.int(3);
          if (kind === 0)
            return experimentIdCase(rng, (id, experimentId) =>
              watch(id, { experimentId, cursor: 'x' }),
            );
          if (kind === 1) {
            const cursor = rng.pick(['x', '1-', '-', '1-2-3', rng.junk(100) || 'y']);
            return {
              label: 'junk cursor',
              expected: /^\d{1,20}-\d{1,20}$/.test(cursor) ? 'OUT_OF_RANGE' : 'INVALID_ARGUMENT',
              send: () => watch(SCIENTIST, { experimentId: experimentOf('setup'), cursor }),
            };
          }
          return {
            label: 'cursor older than the retained history',
            expected: 'OUT_OF_RANGE',
            send: () =>
              watch(SCIENTIST, {
                experimentId: experimentOf('setup'),
                cursor: `0-${rng.int(1000)}`,
              }),
          };
        },
      ),
    );
    const download = (identity: string, request: object) =>
      rawServerStream(experiments().downloadModel(request, identityOf(identity)));
    await expectAllRefused(
      'ExperimentService.DownloadModel',
      generate(
        27,
        'scientist',
        (id) => download(id, { experimentId: experimentOf('setup'), latest: true }),
        (rng) => {
          const kind = rng.int(5);
          const experimentId = experimentOf(rng.pick(STAGES));
          switch (kind) {
            case 0:
              return experimentIdCase(rng, (id, e) =>
                download(id, { experimentId: e, latest: true }),
              );
            case 1:
              return {
                label: 'no selector',
                expected: 'INVALID_ARGUMENT',
                send: () => download(SCIENTIST, { experimentId }),
              };
            case 2:
              return {
                label: 'version not committed',
                expected: 'MODEL_VERSION_NOT_FOUND',
                send: () =>
                  download(SCIENTIST, { experimentId, version: 1 + rng.int(2 ** 32 - 1) }),
              };
            case 3:
              return {
                label: 'offset past the end',
                expected: 'OUT_OF_RANGE',
                send: () =>
                  download(SCIENTIST, {
                    experimentId,
                    latest: true,
                    offset: 44 + 4 * rng.int(2 ** 40),
                  }),
              };
            default:
              return {
                label: 'misaligned offset',
                expected: 'INVALID_ARGUMENT',
                send: () =>
                  download(SCIENTIST, { experimentId, version: 0, offset: 1 + 4 * rng.int(9) }),
              };
          }
        },
      ),
    );
  });

  it('CreateExperiment', async () => {
    const weights = initialWeights();
    const bytes = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest();
    const chunk = (extra: object = {}) => ({
      initialWeights: { offset: 0, data: bytes, totalBytes: bytes.length, sha256, ...extra },
    });
    const start = (extra: object = {}) => ({
      start: { requestId: randomUUID(), spec: testSpec(), metadata: {}, ...extra },
    });
    const create = (identity: string, messages: object[]) =>
      rawClientStream((m, cb) => experiments().createExperiment(m, cb), identity, messages);
    const cases = generate(
      28,
      'scientist',
      (id) => create(id, [start(), chunk()]),
      (rng) => {
        const kind = rng.int(9);
        const as = (label: string, expected: FedraErrorCode, messages: object[]) => ({
          label,
          expected,
          send: () => create(SCIENTIST, messages),
        });
        switch (kind) {
          case 0:
            return as('no start', 'INVALID_ARGUMENT', rng.int(2) === 0 ? [] : [chunk()]);
          case 1:
            return as('junk request id', 'INVALID_ARGUMENT', [
              start({ requestId: rng.pick(['', 'a b', 'x'.repeat(129)]) }),
              chunk(),
            ]);
          case 2:
            return as('no spec', 'INVALID_SPEC', [start({ spec: null }), chunk()]);
          case 3: {
            const spec = rng.pick([
              testSpec({ rounds: 0 }),
              testSpec({ minParticipants: 6, targetParticipants: 5 }),
              testSpec({ clippingBound: -1 }),
              testSpec({ model: null }),
              testSpec({ deadlines: null }),
              testSpec({ strategy: null }),
            ]);
            return as('invalid spec', 'INVALID_SPEC', [start({ spec }), chunk()]);
          }
          case 4:
            return as(
              'weights of the wrong length',
              rng.int(2) === 0 ? 'CHUNK_OVERSIZE' : 'TOTAL_MISMATCH',
              [],
            );
          case 5:
            return as('wrong digest', 'DIGEST_MISMATCH', [
              start(),
              chunk({ sha256: rng.bytes(32) }),
            ]);
          case 6:
            return as('chunk after the final one', 'INVALID_ARGUMENT', [start(), chunk(), chunk()]);
          case 7:
            return as('no final digest', 'STREAM_INCOMPLETE', [
              start(),
              chunk({ sha256: Buffer.alloc(0) }),
            ]);
          default:
            return as('a second start', 'INVALID_ARGUMENT', [start(), start()]);
        }
      },
    );
    // Weights of the wrong length: more bytes than the spec's parameters, or a total that disagrees.
    const rng = new SeededRandom(29);
    for (const [index, hostile] of cases.entries()) {
      if (hostile.label !== 'weights of the wrong length') continue;
      const messages =
        hostile.expected === 'CHUNK_OVERSIZE'
          ? [start(), chunk({ data: Buffer.concat([bytes, rng.bytes(4 * (1 + rng.int(8)))]) })]
          : [start(), chunk({ totalBytes: bytes.length + 4 })];
      cases[index] = { ...hostile, send: () => create(SCIENTIST, messages) };
    }
    cases.push({
      label: 'request id reused with another spec',
      expected: 'REQUEST_ID_CONFLICT',
      send: () =>
        create(SCIENTIST, [
          start({ requestId: heldAt('setup').createRequestId, metadata: { displayName: 'other' } }),
          chunk(),
        ]),
    });
    await expectAllRefused('CreateExperiment', cases);
  });
});

describe('AdminService under hostile input', () => {
  const admin = () => f.clients.admin;
  const call = (method: string, identity: string, request: object) =>
    rawUnary((m, cb) => {
      const fn = (
        admin() as unknown as Record<string, (r: object, m: unknown, cb: unknown) => unknown>
      )[method];
      if (fn === undefined) throw new Error(`no method ${method}`);
      return fn.call(admin(), request, m, cb);
    }, identity);

  it('the read RPCs', async () => {
    const exp = () => experimentOf('setup');
    const table: Array<[string, number, object, (rng: SeededRandom) => HostileCase]> = [
      ['listWorkers', 31, {}, (rng) => pagingCase(rng, (r) => call('listWorkers', ADMIN, r))],
      [
        'getWorker',
        32,
        { workerId: 'w1' },
        (rng) => {
          const workerId = rng.pick([rng.junk(100), 'w1000', 'UPPER', '']);
          return {
            label: `worker ${workerId.slice(0, 20)}`,
            expected: isValidIdentitySegment(workerId) ? 'WORKER_NOT_FOUND' : 'INVALID_ARGUMENT',
            send: () => call('getWorker', ADMIN, { workerId }),
          };
        },
      ],
      [
        'listRounds',
        33,
        { experimentId: exp() },
        (rng) =>
          rng.int(2) === 0
            ? pagingCase(rng, (r) => call('listRounds', ADMIN, { experimentId: exp(), ...r }))
            : adminExperimentCase(rng, (experimentId) =>
                call('listRounds', ADMIN, { experimentId }),
              ),
      ],
      [
        'getRound',
        34,
        { experimentId: exp(), roundNumber: 1 },
        (rng) =>
          rng.int(2) === 0
            ? {
                label: 'round that never ran',
                expected: 'ROUND_NOT_FOUND',
                send: () =>
                  call('getRound', ADMIN, {
                    experimentId: exp(),
                    roundNumber: rng.uint32Except(1),
                  }),
              }
            : adminExperimentCase(rng, (experimentId) =>
                call('getRound', ADMIN, { experimentId, roundNumber: 1 }),
              ),
      ],
      [
        'listExperiments',
        35,
        {},
        (rng) => pagingCase(rng, (r) => call('listExperiments', ADMIN, r)),
      ],
      [
        'getExperiment',
        36,
        { experimentId: exp() },
        (rng) =>
          adminExperimentCase(rng, (experimentId) =>
            call('getExperiment', ADMIN, { experimentId }),
          ),
      ],
      [
        'getRegionPolicy',
        37,
        { region: 'eu' },
        (rng) => {
          const picked = rng.pick(['', 'EU', '../eu', rng.junk(100)]);
          // A well-formed region name is a fine request (an unset policy reads as the default).
          const region = isValidIdentitySegment(picked) ? 'EU' : picked;
          return {
            label: 'junk region',
            expected: 'INVALID_ARGUMENT',
            send: () => call('getRegionPolicy', ADMIN, { region }),
          };
        },
      ],
      [
        'listAuditRecords',
        38,
        {},
        (rng) => pagingCase(rng, (r) => call('listAuditRecords', ADMIN, r)),
      ],
      [
        'verifyAuditLog',
        39,
        {},
        (rng) => ({
          label: 'range past the head',
          expected: 'OUT_OF_RANGE',
          send: () =>
            call('verifyAuditLog', ADMIN, {
              startSequence: 1,
              endSequence: 10_000 + rng.int(2 ** 40),
            }),
        }),
      ],
      [
        'getClusterStatus',
        40,
        {},
        (rng) => callerCases(rng, 'admin', (identity) => call('getClusterStatus', identity, {})),
      ],
    ];
    for (const [method, seed, valid, make] of table) {
      await expectAllRefused(
        method,
        generate(seed, 'admin', (identity) => call(method, identity, valid), make),
      );
    }
  });

  it('the mutating RPCs change nothing', async () => {
    const before = await unary<{ policy: { revision: number } | null }>(
      (m, cb) => admin().getRegionPolicy({ region: 'eu' }, m, cb),
      ADMIN,
    );
    const workersBefore = (await f.coordinator.context.registry.all()).map((w) => w.status);
    for (const [method, seed] of [
      ['drainWorker', 41],
      ['evictWorker', 42],
    ] as const) {
      await expectAllRefused(
        method,
        generate(
          seed,
          'admin',
          (identity) => call(method, identity, { requestId: randomUUID(), workerId: 'w1' }),
          (rng) => {
            if (rng.int(3) === 0) {
              return {
                label: 'junk request id',
                expected: 'INVALID_ARGUMENT',
                send: () =>
                  call(method, ADMIN, {
                    requestId: rng.pick(['', 'a b', 'x'.repeat(129)]),
                    workerId: 'w1',
                  }),
              };
            }
            const workerId = rng.pick([rng.junk(100), 'w1000', 'UPPER', '']);
            return {
              label: `worker ${workerId.slice(0, 20)}`,
              expected: isValidIdentitySegment(workerId) ? 'WORKER_NOT_FOUND' : 'INVALID_ARGUMENT',
              send: () => call(method, ADMIN, { requestId: randomUUID(), workerId }),
            };
          },
        ),
      );
    }
    // One real edit, whose request id and revision the hostile ones then misuse.
    const requestId = randomUUID();
    const set = await unary<{ policy: { revision: number } | null }>(
      (m, cb) =>
        admin().setRegionPolicy(
          { requestId, policy: { region: 'zz', enabled: true, note: 'n' } },
          m,
          cb,
        ),
      ADMIN,
    );
    expect(set.policy?.revision).toBe(1);
    await expectAllRefused(
      'setRegionPolicy',
      generate(
        43,
        'admin',
        (identity) =>
          call('setRegionPolicy', identity, { requestId: randomUUID(), policy: { region: 'zz' } }),
        (rng) => {
          const kind = rng.int(4);
          if (kind === 0) {
            const region = rng.pick(['', 'EU', '../eu', rng.junk(100) || '?']);
            return {
              label: 'junk region',
              expected: isValidIdentitySegment(region) ? 'REVISION_CONFLICT' : 'INVALID_ARGUMENT',
              send: () =>
                call('setRegionPolicy', ADMIN, {
                  requestId: randomUUID(),
                  policy: { region },
                  expectedRevision: 7,
                }),
            };
          }
          if (kind === 1) {
            return {
              label: 'no policy',
              expected: 'INVALID_ARGUMENT',
              send: () => call('setRegionPolicy', ADMIN, { requestId: randomUUID() }),
            };
          }
          if (kind === 2) {
            return {
              label: 'stale expected revision',
              expected: 'REVISION_CONFLICT',
              send: () =>
                call('setRegionPolicy', ADMIN, {
                  requestId: randomUUID(),
                  policy: { region: 'zz', enabled: false },
                  expectedRevision: 2 + rng.int(2 ** 40),
                }),
            };
          }
          return {
            label: 'request id reused with another policy',
            expected: 'REQUEST_ID_CONFLICT',
            send: () =>
              call('setRegionPolicy', ADMIN, {
                requestId,
                policy: { region: 'zz', enabled: false, note: rng.junk(50) },
              }),
          };
        },
      ),
    );
    const after = await unary<{ policy: { revision: number } | null }>(
      (m, cb) => admin().getRegionPolicy({ region: 'eu' }, m, cb),
      ADMIN,
    );
    expect(after.policy?.revision).toBe(before.policy?.revision);
    expect((await f.coordinator.context.registry.all()).map((w) => w.status)).toEqual(
      workersBefore,
    );
  });
});

/** An experiment id case for the admin RPCs (admins see every owner's experiments). */
function adminExperimentCase(
  rng: SeededRandom,
  send: (experimentId: string) => Promise<ServiceError | null>,
): HostileCase {
  if (rng.int(2) === 0) {
    const junk = junkExperimentId(rng);
    return { label: 'junk experiment id', expected: junk.expected, send: () => send(junk.id) };
  }
  const id = unknownExperimentId(rng);
  return { label: 'unknown experiment', expected: 'EXPERIMENT_NOT_FOUND', send: () => send(id) };
}

describe('after the hostile input', () => {
  it('the coordinator still serves: health is SERVING and the held attempts are where they were', async () => {
    expect(await healthStatus(`127.0.0.1:${String(f.coordinator.port)}`)).toBe('SERVING');
    for (const stage of STAGES) {
      const attempt = await f.coordinator.context.attempts.get({
        experimentId: experimentOf(stage),
        roundNumber: 1,
        attempt: 1,
      });
      expect(attempt?.stage).toBe(stage);
    }
  });
});
