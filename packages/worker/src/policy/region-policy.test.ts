import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@fedra/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_ALLOWED_LAYERS, parseRegionPolicy } from './region-policy.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../../deploy/worker/policy.example.yaml', import.meta.url),
);

/** A complete, valid policy as data; tests change one thing at a time. */
function base(): Record<string, unknown> {
  return {
    version: 1,
    rounds: { minCohort: 6, minK: 4, minT: 3, minSurvivors: 4 },
    model: { maxParameters: 100_000, maxClipNorm: 5 },
    owners: ['spiffe://acme/scientist/alice'],
    datasets: { mnist: { format: 'mnist', shard: 0, shards: 6 } },
    trust: { federation: 'acme', regionCas: { 'eu-west': 'trust/eu.pem' } },
  };
}

function withChange(path: string, value: unknown): string {
  const policy = base();
  const keys = path.split('.');
  let node = policy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return stringify(policy);
}

function errorOf(text: string): ConfigError {
  try {
    parseRegionPolicy(text, { sourcePath: '/etc/fedra/policy.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseRegionPolicy', () => {
  it('reads a policy, fills defaults, resolves paths and deep-freezes the result', () => {
    const policy = parseRegionPolicy(stringify(base()), {
      sourcePath: '/etc/fedra/policy.yaml',
      dataDir: '/data',
    });
    expect(policy.rounds).toEqual({ minCohort: 6, minK: 4, minT: 3, minSurvivors: 4 });
    expect(policy.model.allowedLayers).toEqual(DEFAULT_ALLOWED_LAYERS);
    expect(policy.training.maxLocalEpochs).toBeUndefined();
    expect(policy.shareRegionMetrics).toBe(false);
    expect(policy.trust).toEqual({
      federation: 'acme',
      regionCas: { 'eu-west': '/etc/fedra/trust/eu.pem' },
    });
    expect(policy.datasets['mnist']).toMatchObject({ name: 'mnist', format: 'mnist', shard: 0 });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.rounds)).toBe(true);
    expect(Object.isFrozen(policy.model.allowedLayers)).toBe(true);
    expect(Object.isFrozen(policy.trust.regionCas)).toBe(true);
    expect(Object.isFrozen(policy.datasets)).toBe(true);
  });

  it('defaults minSurvivors to minT + 1 and resolves dataset paths against dataDir', () => {
    const policy = parseRegionPolicy(
      withChange('datasets', {
        claims: { format: 'csv', path: 'c.csv', labelColumn: 'y', numClasses: 2 },
      }).replace('  minSurvivors: 4\n', ''),
      { dataDir: '/data' },
    );
    expect(policy.rounds.minSurvivors).toBe(4);
    expect(policy.datasets['claims']).toMatchObject({ path: '/data/c.csv' });
  });

  it('reads JSON too', () => {
    const policy = parseRegionPolicy(JSON.stringify(base()));
    expect(policy.owners).toEqual(['spiffe://acme/scientist/alice']);
  });

  it('parses deploy/worker/policy.example.yaml', () => {
    const policy = parseRegionPolicy(readFileSync(EXAMPLE, 'utf8'), {
      sourcePath: '/etc/fedra/policy.yaml',
      dataDir: '/data',
    });
    expect(policy.trust.federation).toBe('acme-health');
    expect(Object.keys(policy.trust.regionCas)).toEqual(['eu-west', 'us-east', 'ap-south']);
    expect(policy.trust.regionCas['eu-west']).toBe('/etc/fedra/trust/eu-west-ca.pem');
    expect(policy.datasets['claims']).toMatchObject({ path: '/data/claims/claims.csv' });
    expect(policy.model.allowedLayers).toContain('Conv2D');
  });

  it.each([
    ['a YAML syntax error', 'rounds: [unclosed', ''],
    ['a top-level list', '- 1\n- 2', ''],
    ['an unknown section', stringify({ ...base(), extra: 1 }), 'extra'],
    ['an unknown key in a section', withChange('rounds.minCohrt', 7), 'rounds.minCohrt'],
    ['a missing version', withChange('version', undefined), 'version'],
    ['a future version', withChange('version', 2), 'version'],
    ['a missing section', withChange('rounds', undefined), 'rounds'],
    ['a missing minimum', withChange('rounds.minK', undefined), 'rounds.minK'],
    ['a fractional minimum', withChange('rounds.minCohort', 6.5), 'rounds.minCohort'],
    ['a string number', withChange('model.maxParameters', '100000'), 'model.maxParameters'],
    ['a cohort below 3', withChange('rounds.minCohort', 2), 'rounds.minCohort'],
    ['t below 2', withChange('rounds.minT', 1), 'rounds.minT'],
    ['t above k', withChange('rounds.minT', 5), 'rounds.minT'],
    ['k that needs a bigger cohort', withChange('rounds.minK', 6), 'rounds.minK'],
    ['more survivors than the cohort', withChange('rounds.minSurvivors', 7), 'rounds.minSurvivors'],
    ['a zero clip norm', withChange('model.maxClipNorm', 0), 'model.maxClipNorm'],
    ['a missing clip norm', withChange('model.maxClipNorm', undefined), 'model.maxClipNorm'],
    ['an empty layer list', withChange('model.allowedLayers', []), 'model.allowedLayers'],
    [
      'a structural layer',
      withChange('model.allowedLayers', ['Dense', 'InputLayer']),
      'model.allowedLayers[1]',
    ],
    [
      'a repeated layer',
      withChange('model.allowedLayers', ['Dense', 'Dense']),
      'model.allowedLayers[1]',
    ],
    [
      'a bad layer name',
      withChange('model.allowedLayers', ['Dense', 'x y']),
      'model.allowedLayers[1]',
    ],
    ['zero epochs', withChange('training', { maxLocalEpochs: 0 }), 'training.maxLocalEpochs'],
    ['missing owners', withChange('owners', undefined), 'owners'],
    ['an empty owner list', withChange('owners', []), 'owners'],
    [
      'a foreign-federation owner',
      withChange('owners', ['spiffe://other/scientist/eve']),
      'owners[0]',
    ],
    ['an owner in another role', withChange('owners', ['spiffe://acme/admin/root']), 'owners[0]'],
    ['a wildcard federation', withChange('owners', ['spiffe://*/scientist/*']), 'owners[0]'],
    ['a partial wildcard', withChange('owners', ['spiffe://acme/scientist/a*']), 'owners[0]'],
    ['no datasets', withChange('datasets', {}), 'datasets'],
    [
      'a bad dataset name',
      withChange('datasets', { 'a b': { format: 'mnist', shard: 0, shards: 2 } }),
      'datasets.a b',
    ],
    [
      'a name inside a dataset',
      withChange('datasets', { m: { name: 'x', format: 'mnist', shard: 0, shards: 2 } }),
      'datasets.m.name',
    ],
    [
      'a bad dataset field',
      withChange('datasets', { m: { format: 'mnist', shard: 3, shards: 2 } }),
      'datasets.m.shard',
    ],
    [
      'a non-boolean metrics flag',
      withChange('metrics', { shareRegionMetrics: 'yes' }),
      'metrics.shareRegionMetrics',
    ],
    ['a bad federation', withChange('trust.federation', 'Acme Health'), 'trust.federation'],
    ['no region CAs', withChange('trust.regionCas', {}), 'trust.regionCas'],
    [
      'a CA that is not a path',
      withChange('trust.regionCas', { 'eu-west': 5 }),
      'trust.regionCas.eu-west',
    ],
    [
      'a bad region name',
      withChange('trust.regionCas', { '../x': 'a.pem' }),
      'trust.regionCas.../x',
    ],
    ['a __proto__ key', '{"__proto__": {"x": 1}, "version": 1}', '__proto__'],
  ])('refuses %s, naming the key', (_case, text, key) => {
    const error = errorOf(text);
    expect(error.key).toBe(key);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('/etc/fedra/policy.yaml');
    if (key !== '') expect(error.message).toContain(key);
  });

  it('refuses duplicate keys instead of keeping the last one', () => {
    const error = errorOf('version: 1\nversion: 1\n');
    expect(error.key).toBe('');
    expect(error.message).toContain('DUPLICATE_KEY');
  });

  it('accepts exactly the round minimums that satisfy t <= k < cohort and survivors <= cohort', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (minCohort, minK, minT, minSurvivors) => {
          const text = withChange('rounds', { minCohort, minK, minT, minSurvivors });
          const valid =
            minCohort >= 3 &&
            minT >= 2 &&
            minSurvivors >= 2 &&
            minT <= minK &&
            minK <= minCohort - 1 &&
            minSurvivors <= minCohort;
          let parsed = true;
          try {
            parseRegionPolicy(text);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            expect((error as ConfigError).key).toMatch(/^rounds\./);
            parsed = false;
          }
          expect(parsed).toBe(valid);
        },
      ),
    );
  });
});
