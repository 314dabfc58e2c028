import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExperimentSpec,
  ListExperimentsResponseOutput,
  StartExperimentResponseOutput,
} from '@fedra/proto';
import {
  initialWeights,
  SCIENTIST,
  startCoordinator,
  TEST_FEDERATION,
  testSpec,
} from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import { createExperiment, refused, unary } from './testing/test-clients.js';

let f: CoordinatorFixture;

beforeAll(async () => {
  f = await startCoordinator(0);
});

afterAll(async () => {
  await f.close();
});

function create(spec: ExperimentSpec, requestId = randomUUID(), weights = initialWeights()) {
  return createExperiment(f.clients.experiments, SCIENTIST, { requestId, spec, weights });
}

async function listed(identity = SCIENTIST): Promise<number> {
  const page = await unary<ListExperimentsResponseOutput>(
    (m, cb) => f.clients.experiments.listExperiments({}, m, cb),
    identity,
  );
  return page.experiments.length;
}

describe('ExperimentService.CreateExperiment validation', () => {
  const base = testSpec();
  const cases: Array<[string, ExperimentSpec, string, string]> = [
    ['t above k', { ...base, secagg: { k: 4, t: 5 } }, 'INVALID_SPEC', 'spec.secagg.t'],
    [
      'a parameter count that disagrees with the shapes',
      { ...base, model: { ...base.model, paramCount: 11 } },
      'INVALID_SPEC',
      'spec.model.param_count',
    ],
    [
      'a layer outside the allow-list',
      {
        ...base,
        model: {
          ...base.model,
          topologyJson: JSON.stringify({
            class_name: 'Sequential',
            config: { layers: [{ class_name: 'Lambda' }] },
          }),
        },
      },
      'INVALID_SPEC',
      'spec.model.topology_json',
    ],
    [
      'a lane that can overflow',
      { ...base, laneScales: { update: 2 ** 30, weight: 1, lossSum: 1, correctCount: 1 } },
      'LANE_OVERFLOW',
      'spec.lane_scales.update',
    ],
    [
      'a bad strategy parameter',
      { ...base, strategy: { fedAdam: { beta1: 1.5 } } },
      'INVALID_SPEC',
      'spec.strategy.beta1',
    ],
    [
      'fewer than 3 participants',
      { ...base, minParticipants: 2, targetParticipants: 2 },
      'INVALID_SPEC',
      'spec.min_participants',
    ],
    [
      'a missing deadline',
      { ...base, deadlines: { ...base.deadlines, unmask: null } },
      'INVALID_SPEC',
      'spec.deadlines.unmask',
    ],
  ];

  for (const [name, spec, code, field] of cases) {
    it(`refuses ${name} naming ${field}, and stores nothing`, async () => {
      const error = await refused(create(spec));
      expect(error.code).toBe(code);
      expect(error.metadata['field']).toBe(field);
      expect(await listed()).toBe(0);
    });
  }

  it('refuses initial weights of the wrong size with TOTAL_MISMATCH', async () => {
    const error = await refused(create(testSpec(), randomUUID(), new Float32Array(9)));
    expect(error.code).toBe('TOTAL_MISMATCH');
    expect(await listed()).toBe(0);
  });
});

describe('ExperimentService idempotency', () => {
  it('returns the same experiment for a retried create and refuses a reused request id', async () => {
    const requestId = randomUUID();
    const first = await create(testSpec(), requestId);
    const again = await create(testSpec(), requestId);
    expect(again.experiment?.experimentId).toBe(first.experiment?.experimentId);
    const conflict = await refused(create(testSpec({ rounds: 7 }), requestId));
    expect(conflict.code).toBe('REQUEST_ID_CONFLICT');

    const experimentId = first.experiment?.experimentId ?? '';
    const startId = randomUUID();
    const started = await unary<StartExperimentResponseOutput>(
      (m, cb) => f.clients.experiments.startExperiment({ requestId: startId, experimentId }, m, cb),
      SCIENTIST,
    );
    expect(started.experiment?.state).toBe('EXPERIMENT_STATE_RUNNING');
    const replayed = await unary<StartExperimentResponseOutput>(
      (m, cb) => f.clients.experiments.startExperiment({ requestId: startId, experimentId }, m, cb),
      SCIENTIST,
    );
    expect(replayed.experiment?.startTime).toEqual(started.experiment?.startTime);
    const second = await refused(
      unary(
        (m, cb) =>
          f.clients.experiments.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
        SCIENTIST,
      ),
    );
    expect(second.code).toBe('EXPERIMENT_NOT_RUNNING');

    // Another scientist cannot see it.
    const bob = `spiffe://${TEST_FEDERATION}/scientist/bob`;
    const hidden = await refused(
      unary((m, cb) => f.clients.experiments.getExperiment({ experimentId }, m, cb), bob),
    );
    expect(hidden.code).toBe('EXPERIMENT_NOT_FOUND');
    expect(await listed(bob)).toBe(0);
  });
});
