import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@fedra/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionPolicy, loadTrustBundle } from './load-region-policy.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function policyText(regionCas: Record<string, string>): string {
  return JSON.stringify({
    version: 1,
    rounds: { minCohort: 5, minK: 4, minT: 3 },
    model: { maxParameters: 1000, maxClipNorm: 1 },
    owners: ['spiffe://acme/scientist/*'],
    datasets: { tabular: { format: 'csv', path: 't.csv', labelColumn: 'y', numClasses: 2 } },
    trust: { federation: 'acme', regionCas },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadRegionPolicy', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fedra-policy-'));
    await mkdir(join(dir, 'trust'));
    await copyFile(join(FIXTURES, 'eu-west-ca.pem'), join(dir, 'trust', 'eu.pem'));
    await copyFile(join(FIXTURES, 'us-east-ca.pem'), join(dir, 'trust', 'us.pem'));
    await copyFile(join(FIXTURES, 'not-a-ca.pem'), join(dir, 'trust', 'leaf.pem'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a policy whose CAs are usable, resolving paths against the file and dataDir', async () => {
    const path = join(dir, 'policy.json');
    await writeFile(path, policyText({ 'eu-west': 'trust/eu.pem', 'us-east': 'trust/us.pem' }));
    const policy = await loadRegionPolicy(path, { dataDir: '/data' });
    expect(policy.trust.regionCas['eu-west']).toBe(join(dir, 'trust', 'eu.pem'));
    expect(policy.datasets['tabular']).toMatchObject({ path: '/data/t.csv' });

    const bundle = await loadTrustBundle(policy.trust);
    expect(Object.keys(bundle.regionCas)).toEqual(['eu-west', 'us-east']);
    const eu = bundle.regionCas['eu-west'];
    expect(eu?.subject).toContain('eu-west region CA');
    expect(eu?.pem).toBe(await readFile(join(FIXTURES, 'eu-west-ca.pem'), 'utf8'));
    expect(eu?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Object.isFrozen(bundle.regionCas)).toBe(true);
  });

  it('names the file when it is missing', async () => {
    const error = await rejection(loadRegionPolicy(join(dir, 'absent.yaml')));
    expect(error.key).toBe('');
    expect(error.message).toContain('absent.yaml');
    expect(error.message).toContain('ENOENT');
  });

  it('refuses a directory and a file over the size limit', async () => {
    expect((await rejection(loadRegionPolicy(dir))).message).toContain('not a regular file');
    const big = join(dir, 'big.yaml');
    await writeFile(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect((await rejection(loadRegionPolicy(big))).message).toContain('larger than');
  });

  it.each([
    ['a missing CA file', { 'eu-west': 'trust/none.pem' }, 'ENOENT'],
    ['a certificate that is not a CA', { 'eu-west': 'trust/leaf.pem' }, 'not a CA'],
    ['a file that is not PEM', { 'eu-west': 'garbage.pem' }, 'exactly one PEM certificate'],
    ['two certificates in one file', { 'eu-west': 'two.pem' }, 'found 2'],
    ['a corrupt certificate', { 'eu-west': 'corrupt.pem' }, 'not a readable X.509'],
  ])('refuses %s, naming the region key', async (_case, cas, text) => {
    const eu = await readFile(join(FIXTURES, 'eu-west-ca.pem'), 'utf8');
    const us = await readFile(join(FIXTURES, 'us-east-ca.pem'), 'utf8');
    await writeFile(join(dir, 'garbage.pem'), 'hello');
    await writeFile(join(dir, 'two.pem'), eu + us);
    await writeFile(join(dir, 'corrupt.pem'), eu.replace(/[A-Za-z]{12}\n/, 'AAAAAAAAAAAA\n'));
    const path = join(dir, 'policy.yaml');
    await writeFile(path, policyText(cas));
    const error = await rejection(loadRegionPolicy(path));
    expect(error.key).toBe('trust.regionCas.eu-west');
    expect(error.message).toContain('trust.regionCas.eu-west');
    expect(error.message).toContain(text);
  });

  it('refuses a CA outside its validity window', async () => {
    const path = join(dir, 'policy.yaml');
    await writeFile(path, policyText({ 'eu-west': 'trust/eu.pem' }));
    const late = await rejection(loadRegionPolicy(path, { now: new Date('2200-01-01') }));
    expect(late.key).toBe('trust.regionCas.eu-west');
    expect(late.message).toContain('expired');
    const early = await rejection(loadRegionPolicy(path, { now: new Date('2000-01-01') }));
    expect(early.message).toContain('not valid before');
  });
});
