import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createDemoModel } from '../training/demo-models.js';
import type { ModelTopology } from '../training/model.js';
import { checkSurvivorSet, evaluateRound } from './evaluate-round.js';
import type { PolicyDecision, RoundUnderReview } from './evaluate-round.js';
import { parseRegionPolicy } from './region-policy.js';
import type { RegionPolicy } from './region-policy.js';

const POLICY: RegionPolicy = parseRegionPolicy(
  stringify({
    version: 1,
    rounds: { minCohort: 6, minK: 4, minT: 3, minSurvivors: 5 },
    model: { maxParameters: 10_000, maxClipNorm: 5 },
    training: { maxLocalEpochs: 3 },
    owners: ['spiffe://acme/scientist/alice', 'spiffe://acme/scientist/*'],
    datasets: { mnist: { format: 'mnist', shard: 0, shards: 6 } },
    trust: { federation: 'acme', regionCas: { 'eu-west': '/etc/fedra/trust/eu.pem' } },
  }),
);

/** The demo CNN's weight shapes: 72 + 8 + 1152 + 16 + 4000 + 10 = 5258 parameters. */
const CNN_SHAPES = [[3, 3, 1, 8], [8], [3, 3, 8, 16], [16], [400, 10], [10]];
const CNN_PARAMS = 5258;

let cnnTopology: ModelTopology;
let cnnWeightsLength: number;

/** A conforming round: 8 participants, k = 6, t = 4, the demo CNN. */
function round(change: (r: Mutable) => void = () => undefined): RoundUnderReview {
  const r: Mutable = {
    roundConfig: {
      participants: Array.from({ length: 8 }, (_, i) => ({
        workerId: `w${i}`,
        region: i % 2 ? 'eu-west' : 'us-east',
      })),
      k: 6,
      t: 4,
      owner: 'spiffe://acme/scientist/bob',
    },
    spec: {
      clippingBound: 2,
      model: {
        topologyJson: JSON.stringify(cnnTopology),
        weights: CNN_SHAPES.map((shape, i) => ({ name: `w${i}`, shape })),
        paramCount: CNN_PARAMS,
      },
      training: { localEpochs: 2 },
      dataset: { name: 'mnist' },
    },
    weightsLength: cnnWeightsLength,
  };
  change(r);
  return r;
}

interface Mutable {
  roundConfig: {
    participants: { workerId: string; region: string }[];
    k: number;
    t: number;
    owner: string;
  };
  spec: {
    clippingBound: number;
    model: {
      topologyJson: string;
      weights: { name: string; shape: number[] }[];
      paramCount: number;
    } | null;
    training: { localEpochs: number } | null;
    dataset: { name: string } | null;
  };
  topology?: ModelTopology;
  weightsLength?: number;
}

function refused(decision: PolicyDecision): Extract<PolicyDecision, { ok: false }> {
  if (decision.ok) throw new Error('expected a refusal');
  return decision;
}

function model(r: Mutable): NonNullable<Mutable['spec']['model']> {
  if (r.spec.model === null) throw new Error('no model');
  return r.spec.model;
}

describe('evaluateRound', () => {
  beforeAll(async () => {
    const cnn = await createDemoModel('cnn');
    cnnTopology = cnn.topology;
    cnnWeightsLength = cnn.weights.length;
  });

  it('accepts a round inside every limit, with and without the download size', () => {
    expect(cnnWeightsLength).toBe(CNN_PARAMS);
    expect(evaluateRound(POLICY, round())).toEqual({ ok: true });
    expect(
      evaluateRound(
        POLICY,
        round((r) => {
          delete r.weightsLength;
        }),
      ),
    ).toEqual({ ok: true });
  });

  it('accepts an exact owner, and rounds exactly at each minimum', () => {
    const decision = evaluateRound(
      POLICY,
      round((r) => {
        r.roundConfig.participants = r.roundConfig.participants.slice(0, 6);
        r.roundConfig.k = 4;
        r.roundConfig.t = 4; // t + 1 = 5 = minSurvivors
        r.roundConfig.owner = 'spiffe://acme/scientist/alice';
        r.spec.clippingBound = 5;
        r.spec.training = { localEpochs: 3 };
      }),
    );
    expect(decision).toEqual({ ok: true });
  });

  it.each<[string, (r: Mutable) => void, string, string, string[]]>([
    [
      'a cohort below minCohort',
      (r) => {
        r.roundConfig.participants = r.roundConfig.participants.slice(0, 5);
        r.roundConfig.k = 4;
      },
      'REFUSAL_REASON_COHORT_TOO_SMALL',
      'rounds.minCohort',
      ['5 participants', 'minCohort of 6'],
    ],
    [
      'k below minK',
      (r) => {
        r.roundConfig.k = 3;
        r.roundConfig.t = 3;
      },
      'REFUSAL_REASON_NEIGHBOURS_TOO_FEW',
      'rounds.minK',
      ['k = 3', 'minK of 4'],
    ],
    [
      't below minT',
      (r) => {
        r.roundConfig.t = 2;
      },
      'REFUSAL_REASON_THRESHOLD_TOO_LOW',
      'rounds.minT',
      ['t = 2', 'minT of 3'],
    ],
    [
      'a t that lets the round finish with too few survivors',
      (r) => {
        r.roundConfig.t = 3;
      },
      'REFUSAL_REASON_SURVIVORS_TOO_FEW',
      'rounds.minSurvivors',
      ['with 4 survivors', 'minSurvivors of 5'],
    ],
    [
      'an owner outside the list',
      (r) => {
        r.roundConfig.owner = 'spiffe://other/scientist/bob';
      },
      'REFUSAL_REASON_OWNER_NOT_ALLOWED',
      'owners',
      ['spiffe://other/scientist/bob'],
    ],
    [
      'an owner that only looks like a scientist',
      (r) => {
        r.roundConfig.owner = 'spiffe://acme/scientist/bob/extra';
      },
      'REFUSAL_REASON_OWNER_NOT_ALLOWED',
      'owners',
      ['spiffe://acme/scientist/bob/extra'],
    ],
    [
      'a dataset the region does not expose',
      (r) => {
        r.spec.dataset = { name: 'claims' };
      },
      'REFUSAL_REASON_DATASET_UNAVAILABLE',
      'datasets',
      ['"claims"'],
    ],
    [
      'a spec that does not clip',
      (r) => {
        r.spec.clippingBound = 0;
      },
      'REFUSAL_REASON_CLIPPING_REQUIRED',
      'model.maxClipNorm',
      ['does not clip', 'maxClipNorm 5'],
    ],
    [
      'a clipping bound above maxClipNorm',
      (r) => {
        r.spec.clippingBound = 5.5;
      },
      'REFUSAL_REASON_CLIPPING_REQUIRED',
      'model.maxClipNorm',
      ['clipping_bound 5.5', 'maxClipNorm of 5'],
    ],
    [
      'more local epochs than allowed',
      (r) => {
        r.spec.training = { localEpochs: 4 };
      },
      'REFUSAL_REASON_INSUFFICIENT_RESOURCES',
      'training.maxLocalEpochs',
      ['local_epochs 4', 'maxLocalEpochs of 3'],
    ],
    [
      'a declared parameter count above the cap',
      (r) => {
        model(r).paramCount = 10_001;
      },
      'REFUSAL_REASON_TOO_MANY_PARAMETERS',
      'model.maxParameters',
      ['10001 parameters (param_count)', 'maxParameters of 10000'],
    ],
    [
      'weight shapes above the cap',
      (r) => {
        model(r).weights.push({ name: 'trap', shape: [4294967295, 4294967295] });
      },
      'REFUSAL_REASON_TOO_MANY_PARAMETERS',
      'model.maxParameters',
      ['more than 10000 parameters (weight shapes)'],
    ],
    [
      'a download larger than the cap',
      (r) => {
        r.weightsLength = 20_000;
      },
      'REFUSAL_REASON_TOO_MANY_PARAMETERS',
      'model.maxParameters',
      ['20000 parameters (model download)', 'maxParameters of 10000'],
    ],
    [
      'a download that disagrees with the spec',
      (r) => {
        r.weightsLength = CNN_PARAMS + 1;
      },
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model.param_count',
      [`param_count ${CNN_PARAMS}`, `model download ${CNN_PARAMS + 1}`],
    ],
    [
      'a layer outside the allow-list',
      (r) => {
        const topology = JSON.parse(model(r).topologyJson) as {
          config: { layers: { class_name: string }[] };
        };
        const first = topology.config.layers[0];
        if (first) first.class_name = 'Embedding';
        model(r).topologyJson = JSON.stringify(topology);
      },
      'REFUSAL_REASON_LAYER_NOT_ALLOWED',
      'model.allowedLayers',
      ['Embedding', 'allow-list'],
    ],
    [
      'a topology that is not JSON',
      (r) => {
        model(r).topologyJson = '{';
      },
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model.topology_json',
      ['not valid JSON'],
    ],
    [
      'a topology without layers',
      (r) => {
        model(r).topologyJson = '{"hello":"world"}';
      },
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model.topology_json',
      ['class_name and config'],
    ],
    [
      'a repeated participant',
      (r) => {
        r.roundConfig.participants.push({ workerId: 'w0', region: 'us-east' });
      },
      'REFUSAL_REASON_CONFIG_INVALID',
      'participants',
      ['9 entries, 8 distinct'],
    ],
    [
      'a spec without a model',
      (r) => {
        r.spec.model = null;
      },
      'REFUSAL_REASON_CONFIG_INVALID',
      'spec.model',
      ['no model'],
    ],
  ])(
    'refuses %s with its own reason and a detail naming limit and value',
    (_case, change, reason, rule, parts) => {
      const decision = refused(evaluateRound(POLICY, round(change)));
      expect(decision.reason).toBe(reason);
      expect(decision.rule).toBe(rule);
      for (const part of parts) expect(decision.detail).toContain(part);
      expect(Object.isFrozen(decision)).toBe(true);
    },
  );

  it('checks a layer the same way when the caller passes the parsed topology', () => {
    const decision = refused(
      evaluateRound(
        POLICY,
        round((r) => {
          r.topology = {
            class_name: 'Sequential',
            config: { layers: [{ class_name: 'LSTM', config: { name: 'memory' } }] },
          };
        }),
      ),
    );
    expect(decision.reason).toBe('REFUSAL_REASON_LAYER_NOT_ALLOWED');
    expect(decision.detail).toContain('LSTM');
  });

  it('lets the first failure win, in cheap-first order', () => {
    const everythingWrong = round((r) => {
      r.roundConfig.participants = r.roundConfig.participants.slice(0, 3);
      r.roundConfig.k = 2;
      r.roundConfig.t = 2;
      r.roundConfig.owner = 'spiffe://evil/scientist/x';
      r.spec.clippingBound = 0;
      model(r).paramCount = 1e9;
      model(r).topologyJson = '{';
    });
    expect(refused(evaluateRound(POLICY, everythingWrong)).reason).toBe(
      'REFUSAL_REASON_COHORT_TOO_SMALL',
    );
    // The parameter cap refuses before the (broken) topology is parsed.
    const bigAndBroken = round((r) => {
      model(r).paramCount = 1e9;
      model(r).topologyJson = '{';
    });
    expect(refused(evaluateRound(POLICY, bigAndBroken)).reason).toBe(
      'REFUSAL_REASON_TOO_MANY_PARAMETERS',
    );
    const ownerAndClip = round((r) => {
      r.roundConfig.owner = 'spiffe://evil/scientist/x';
      r.spec.clippingBound = 0;
    });
    expect(refused(evaluateRound(POLICY, ownerAndClip)).reason).toBe(
      'REFUSAL_REASON_OWNER_NOT_ALLOWED',
    );
  });

  it('refuses an oversized topology before parsing it', () => {
    const decision = refused(
      evaluateRound(
        POLICY,
        round((r) => {
          model(r).topologyJson = ' '.repeat(1024 * 1024 + 1);
        }),
      ),
    );
    expect(decision.reason).toBe('REFUSAL_REASON_CONFIG_INVALID');
    expect(decision.detail).toContain('1048577 characters');
  });
});

describe('checkSurvivorSet', () => {
  it('refuses a survivor set below minSurvivors and accepts one at it', () => {
    const four = refused(checkSurvivorSet(POLICY, ['a', 'b', 'c', 'd', 'd']));
    expect(four.reason).toBe('REFUSAL_REASON_SURVIVORS_TOO_FEW');
    expect(four.detail).toContain('4 participants');
    expect(four.detail).toContain('minSurvivors of 5');
    expect(checkSurvivorSet(POLICY, ['a', 'b', 'c', 'd', 'e'])).toEqual({ ok: true });
  });
});
