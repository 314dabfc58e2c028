import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FedraError, GrpcStatus, RevisionConflictError } from '@fedra/common';
import type {
  GetClusterStatusResponseOutput,
  GetRoundResponseOutput,
  ListAuditRecordsResponseOutput,
  ListWorkersResponseOutput,
  SetRegionPolicyResponseOutput,
  VerifyAuditLogResponseOutput,
  WorkerOutput,
} from '@fedra/proto';
import { ADMIN, SCIENTIST, startCoordinator } from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { openStalledAttempt } from './testing/stalled-attempt.js';
import { refused, unary } from './testing/test-clients.js';

let f: CoordinatorFixture;
let experimentId: string;

beforeAll(async () => {
  f = await startCoordinator(5);
  ({ experimentId } = await openStalledAttempt(f, 5));
});

afterAll(async () => {
  await f.close();
});

describe('AdminService', () => {
  it('lists workers by region and state, and shows one worker', async () => {
    const all = await unary<ListWorkersResponseOutput>(
      (m, cb) => f.clients.admin.listWorkers({}, m, cb),
      ADMIN,
    );
    expect(all.workers.map((w) => `${w.region}/${w.workerId}`)).toEqual([
      'eu/w1',
      'eu/w3',
      'eu/w5',
      'us/w2',
      'us/w4',
    ]);
    expect(all.workers.every((w) => w.state === 'WORKER_STATE_ONLINE')).toBe(true);
    const us = await unary<ListWorkersResponseOutput>(
      (m, cb) => f.clients.admin.listWorkers({ region: 'us', pageSize: 1 }, m, cb),
      ADMIN,
    );
    expect(us.workers.map((w) => w.workerId)).toEqual(['w2']);
    expect(us.nextPageToken).not.toBe('');
    const one = await unary<{ worker: WorkerOutput | null }>(
      (m, cb) => f.clients.admin.getWorker({ workerId: 'w3' }, m, cb),
      ADMIN,
    );
    expect(one.worker?.datasets.map((d) => d.name)).toEqual(['toy']);
    const missing = await unary(
      (m, cb) => f.clients.admin.getWorker({ workerId: 'w99' }, m, cb),
      ADMIN,
    ).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FedraError);
    expect((missing as FedraError).code).toBe('WORKER_NOT_FOUND');
  });

  it('shows the open round with its config, participants and fencing epoch', async () => {
    const response = await unary<GetRoundResponseOutput>(
      (m, cb) => f.clients.admin.getRound({ experimentId, roundNumber: 1 }, m, cb),
      ADMIN,
    );
    const attempt = response.round?.attempts[0];
    expect(response.round?.state).toBe('ROUND_STATE_KEYS');
    expect(attempt?.stage).toBe('STAGE_SETUP');
    expect(attempt?.config?.participants.map((p) => p.workerId)).toEqual([
      'w1',
      'w2',
      'w3',
      'w4',
      'w5',
    ]);
    expect(attempt?.participants.every((p) => p.state === 'PARTICIPANT_STATE_INVITED')).toBe(true);
    expect(attempt?.fencingEpoch).toBe(0);
  });

  it('evicts a participant: it is dropped from the open stage and the action is audited', async () => {
    const evicted = await unary<{ worker: WorkerOutput | null }>(
      (m, cb) =>
        f.clients.admin.evictWorker(
          { requestId: randomUUID(), workerId: 'w2', reason: 'compromised' },
          m,
          cb,
        ),
      ADMIN,
    );
    expect(evicted.worker?.state).toBe('WORKER_STATE_EVICTED');
    const drops = await f.coordinator.context.attempts.drops({
      experimentId,
      roundNumber: 1,
      attempt: 1,
    });
    expect(drops.map((d) => [d.workerId, d.reason])).toEqual([['w2', 'EVICTED']]);
    expect(
      await f.coordinator.context.attempts.expected({ experimentId, roundNumber: 1, attempt: 1 }),
    ).toEqual(['w1', 'w3', 'w4', 'w5']);
    const drained = await unary<{ worker: WorkerOutput | null }>(
      (m, cb) =>
        f.clients.admin.drainWorker(
          { requestId: randomUUID(), workerId: 'w4', reason: 'maintenance' },
          m,
          cb,
        ),
      ADMIN,
    );
    expect(drained.worker?.state).toBe('WORKER_STATE_DRAINING');
    const audit = await unary<ListAuditRecordsResponseOutput>(
      (m, cb) =>
        f.clients.admin.listAuditRecords(
          { actions: ['AUDIT_ACTION_WORKER_EVICTED', 'AUDIT_ACTION_WORKER_DRAINED'] },
          m,
          cb,
        ),
      ADMIN,
    );
    expect(audit.records.map((r) => [r.action, r.workerId, r.actor])).toEqual([
      ['AUDIT_ACTION_WORKER_EVICTED', 'w2', ADMIN],
      ['AUDIT_ACTION_WORKER_DRAINED', 'w4', ADMIN],
    ]);
  });

  it('guards region policy edits with the expected revision', async () => {
    const set = (expectedRevision: number) =>
      unary<SetRegionPolicyResponseOutput>(
        (m, cb) =>
          f.clients.admin.setRegionPolicy(
            {
              requestId: randomUUID(),
              policy: { region: 'eu', enabled: false, note: 'paused' },
              expectedRevision,
            },
            m,
            cb,
          ),
        ADMIN,
      );
    const first = await set(0);
    expect(first.policy).toMatchObject({
      region: 'eu',
      enabled: false,
      revision: 1,
      updatedBy: ADMIN,
    });
    const stale = await set(5).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(RevisionConflictError);
    expect((stale as FedraError).grpcStatus).toBe(GrpcStatus.ABORTED);
    expect((stale as FedraError).metadata).toMatchObject({
      expectedRevision: '5',
      revision: '1',
    });
    expect((await set(1)).policy?.revision).toBe(2);
  });

  it('reports the cluster: this replica, Redis and the round queue', async () => {
    const status = await unary<GetClusterStatusResponseOutput>(
      (m, cb) => f.clients.admin.getClusterStatus({}, m, cb),
      ADMIN,
    );
    expect(status.replicas).toHaveLength(1);
    expect(status.redis?.reachable).toBe(true);
    expect(status.queues.map((q) => q.name)).toEqual(['rounds']);
    expect(status.runningExperiments).toBe(1);
  });

  it('refuses a scientist with PERMISSION_DENIED', async () => {
    const error = await unary((m, cb) => f.clients.admin.listWorkers({}, m, cb), SCIENTIST).catch(
      (e: unknown) => e,
    );
    expect((error as FedraError).code).toBe('PERMISSION_DENIED');
  });

  it('verifies the audit log over the requested range only', async () => {
    const verify = (startSequence: number, endSequence: number) =>
      unary<VerifyAuditLogResponseOutput>(
        (m, cb) => f.clients.admin.verifyAuditLog({ startSequence, endSequence }, m, cb),
        ADMIN,
      );
    const records = await unary<ListAuditRecordsResponseOutput>(
      (m, cb) => f.clients.admin.listAuditRecords({}, m, cb),
      ADMIN,
    );
    const head = records.records.length;
    expect(head).toBeGreaterThanOrEqual(4);
    const whole = await verify(0, 0);
    expect(whole).toMatchObject({ intact: true, recordsChecked: head, headSequence: head });
    const middle = await verify(2, 3);
    expect(middle).toMatchObject({ intact: true, recordsChecked: 2, headSequence: 3 });
    expect(middle.headHash).toEqual(records.records[2]?.recordHash);
    const past = await refused(verify(1, head + 5));
    expect(past.code).toBe('OUT_OF_RANGE');
    expect(past.metadata).toMatchObject({ field: 'end_sequence', headSequence: String(head) });
    expect((await refused(verify(head, head - 1))).code).toBe('OUT_OF_RANGE');

    // Rewrite record 1 (its stored hash left as it was): a check from the
    // start finds it, a range after it does not look at it.
    const key = `${f.coordinator.context.keys.auditPrefix()}:records`;
    const first = JSON.parse((await f.redis.lindex(key, 0)) ?? '{}') as Record<string, unknown>;
    await f.redis.lset(
      key,
      0,
      JSON.stringify({ ...first, actor: 'spiffe://test.fedra/admin/eve' }),
    );
    const tampered = await verify(0, 0);
    expect(tampered).toMatchObject({ intact: false, recordsChecked: 0 });
    expect(tampered.firstBreak?.sequence).toBe(1);
    expect(await verify(2, head)).toMatchObject({ intact: true, recordsChecked: head - 1 });
  });
});
