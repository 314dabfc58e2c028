import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@fedra/common';
import { IssuerPolicy } from './issuer-policy.js';
import { createTestPki } from './testing.js';
import type { TestPki } from './testing.js';

let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki({ federation: 'acme', regions: ['eu'] });
});

function configKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.key;
    throw error;
  }
  return undefined;
}

describe('IssuerPolicy.fromPem', () => {
  it('lists the regions it has CAs for', () => {
    expect(IssuerPolicy.fromPem(pki.issuerPolicy).regions).toEqual(['eu']);
  });

  it('accepts several CAs in one PEM string', () => {
    const bundle = pki.coordinatorCa.certPem + pki.foreignCa.certPem;
    expect(() => IssuerPolicy.fromPem({ admins: [bundle] })).not.toThrow();
  });

  it('names the entry that holds no certificate', () => {
    expect(configKey(() => IssuerPolicy.fromPem({ workers: { eu: [''] } }))).toBe(
      'issuers.workers.eu',
    );
    expect(configKey(() => IssuerPolicy.fromPem({ admins: ['junk'] }))).toBe('issuers.admins');
  });

  it('refuses a leaf certificate where a CA belongs', () => {
    expect(configKey(() => IssuerPolicy.fromPem({ scientists: [pki.worker.certPem] }))).toBe(
      'issuers.scientists',
    );
  });

  it('refuses a corrupted certificate', () => {
    const corrupted = pki.coordinatorCa.certPem.replace(/[A-Za-z]{8}\n/, 'AAAAAAAA\n');
    expect(corrupted).not.toBe(pki.coordinatorCa.certPem);
    expect(configKey(() => IssuerPolicy.fromPem({ admins: [corrupted] }))).toBe('issuers.admins');
  });

  it('refuses a region name that is not an identity segment', () => {
    expect(
      configKey(() => IssuerPolicy.fromPem({ workers: { EU: [pki.coordinatorCa.certPem] } })),
    ).toBe('issuers.workers.EU');
  });
});
