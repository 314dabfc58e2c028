/**
 * An offending participant is dropped and the round goes on without it:
 * one round per secure-aggregation stage, in which one participant sends
 * a malformed or badly signed message for that stage (and nothing valid).
 * It is refused with the precise code, dropped with
 * DROP_REASON_INVALID_MESSAGE, and the round commits with the others at its
 * first attempt.
 */
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FedraErrorCode } from '@fedra/common';
import { SECAGG_STAGES } from '@fedra/secagg';
import type { SecAggStage } from '@fedra/secagg';
import type { StageHeader } from '@fedra/proto';
import {
  createAndStart,
  startCoordinator,
  TEST_FEDERATION,
  testSpec,
} from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { waitFor } from './testing/committed-rounds.js';
import { HOLD_AT } from './testing/held-attempts.js';
import { rawClientStream, rawUnary, refusalMismatch } from './testing/hostile-requests.js';

/** How long a test waits for a state it polls (generous, for a loaded machine), and how often it looks. */
const WAIT_MS = 90_000;
const POLL_MS = 50;

/** Round r has worker `w{r}` offend in STAGES[r - 1]. */
const STAGES = SECAGG_STAGES;

const WORKERS = 6;
const WIRE_STAGE = {
  setup: 'STAGE_SETUP',
  'share-keys': 'STAGE_SHARE_KEYS',
  'collect-masked': 'STAGE_COLLECT_MASKED',
  'consistency-check': 'STAGE_CONSISTENCY_CHECK',
  unmask: 'STAGE_UNMASK',
} as const;

let f: CoordinatorFixture;

beforeAll(async () => {
  f = await startCoordinator(WORKERS);
  await f.startWorkers(WORKERS, {
    dropAt: (round, attempt, workerId) =>
      attempt === 1 && workerId === `w${round}` ? HOLD_AT[STAGES[round - 1] ?? 'setup'] : undefined,
  });
});

afterAll(async () => {
  await f.close();
});

function uri(workerId: string): string {
  const region = Number(workerId.slice(1)) % 2 === 1 ? 'eu' : 'us';
  return `spiffe://${TEST_FEDERATION}/region/${region}/worker/${workerId}`;
}

/** The offending message of `stage` from `workerId`, and the code it must be refused with. */
function offend(
  stage: SecAggStage,
  header: StageHeader,
  workerId: string,
  vectorBytes: number,
): { code: FedraErrorCode; send: () => Promise<ServiceError | null> } {
  const fleet = f.clients.fleet;
  const identity = uri(workerId);
  switch (stage) {
    case 'setup':
      // Well-formed, but the signature is not the sender's: refused when submitted.
      return {
        code: 'SECAGG_BAD_SIGNATURE',
        send: () =>
          rawUnary(
            (m, cb) =>
              fleet.submitSetup(
                {
                  setup: {
                    header,
                    encryptionPublicKey: Buffer.alloc(32, 1),
                    maskingPublicKey: Buffer.alloc(32, 2),
                    signature: Buffer.alloc(64),
                  },
                },
                m,
                cb,
              ),
            identity,
          ),
      };
    case 'share-keys':
      return {
        code: 'SECAGG_INVALID_MESSAGE',
        send: () =>
          rawUnary(
            (m, cb) =>
              fleet.submitShares({ shareKeys: { header, bCommitment: Buffer.alloc(5) } }, m, cb),
            identity,
          ),
      };
    case 'collect-masked':
      return {
        code: 'VECTOR_LENGTH_MISMATCH',
        send: () =>
          rawClientStream((m, cb) => fleet.uploadMasked(m, cb), identity, [
            { start: { header, offset: 0, totalBytes: vectorBytes + 4 } },
          ]),
      };
    case 'consistency-check':
      return {
        code: 'SECAGG_BAD_SIGNATURE',
        send: () =>
          rawUnary(
            (m, cb) =>
              fleet.submitSurvivorSignature(
                { signature: { header, signature: Buffer.alloc(64, 7) } },
                m,
                cb,
              ),
            identity,
          ),
      };
    case 'unmask': {
      const owner = workerId === 'w6' ? 'w5' : 'w6';
      return {
        code: 'SECAGG_INVALID_MESSAGE',
        send: () =>
          rawUnary(
            (m, cb) =>
              fleet.submitUnmask(
                {
                  unmask: {
                    header,
                    bShares: [{ owner, share: Buffer.alloc(33) }],
                    skShares: [{ owner, share: Buffer.alloc(33) }],
                  },
                },
                m,
                cb,
              ),
            identity,
          ),
      };
    }
  }
}

describe('an offending participant', () => {
  it('is dropped in each stage and every round commits without it', async () => {
    const spec = testSpec({ rounds: STAGES.length, minParticipants: 5, targetParticipants: 6 });
    // Long deadlines: the stages close because the offender was dropped, not because time ran out.
    const experimentId = await createAndStart(f, {
      ...spec,
      deadlines: {
        setup: { seconds: 120 },
        shareKeys: { seconds: 120 },
        collectMasked: { seconds: 120 },
        consistencyCheck: { seconds: 120 },
        unmask: { seconds: 120 },
      },
    });
    const attempts = f.coordinator.context.attempts;
    for (const [index, stage] of STAGES.entries()) {
      const roundNumber = index + 1;
      const offender = `w${roundNumber}`;
      const key = { experimentId, roundNumber, attempt: 1 };
      const open = await waitFor(
        async () => {
          const attempt = await attempts.get(key);
          return attempt?.stage === stage && attempt.phase === 'open' ? attempt : undefined;
        },
        `round ${roundNumber} in ${stage}`,
        WAIT_MS,
        POLL_MS,
      );
      const header: StageHeader = { ...key, stage: WIRE_STAGE[stage], sender: offender };
      const hostile = offend(stage, header, offender, open.vectorLength * 4);
      expect(refusalMismatch(await hostile.send(), hostile.code), stage).toBeUndefined();
      const drops = await attempts.drops(key);
      expect(
        drops.find((d) => d.workerId === offender),
        stage,
      ).toMatchObject({
        stage,
        reason: 'INVALID_MESSAGE',
        detail: hostile.code,
      });
      const committed = await waitFor(
        async () => {
          const attempt = await attempts.get(key);
          if (attempt?.stage === 'aborted') throw new Error(`round ${roundNumber} aborted`);
          return attempt?.stage === 'committed' ? attempt : undefined;
        },
        `round ${roundNumber} to commit`,
        WAIT_MS,
        POLL_MS,
      );
      expect(committed.attempt).toBe(1);
      const metrics = JSON.parse(
        (await f.redis.hget(
          f.coordinator.context.keys.round(experimentId, roundNumber),
          'metrics',
        )) ?? '{}',
      ) as { survivors?: number; participants?: number };
      // Dropped before its masked input was in the sum, it is not a survivor; after, it is.
      const survivors = index <= STAGES.indexOf('collect-masked') ? WORKERS - 1 : WORKERS;
      expect(metrics, stage).toMatchObject({ participants: WORKERS, survivors });
    }
    const finished = await waitFor(
      async () => {
        const record = await f.coordinator.context.experiments.get(experimentId);
        return record?.state === 'COMPLETED' ? record : undefined;
      },
      'the experiment to complete',
      WAIT_MS,
      POLL_MS,
    );
    expect(finished.latestModelVersion).toBe(STAGES.length);
  }, 300_000);
});
