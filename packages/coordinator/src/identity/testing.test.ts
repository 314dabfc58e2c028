import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestPki } from './testing.js';
import type { TestPki } from './testing.js';

let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki();
});

function issuedBy(leafPem: string, caPem: string): boolean {
  const leaf = new X509Certificate(leafPem);
  const ca = new X509Certificate(caPem);
  return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

describe('createTestPki', () => {
  it('defaults to federation test.fedra with regions eu and us', () => {
    expect(pki.federation).toBe('test.fedra');
    expect(pki.regions).toEqual(['eu', 'us']);
    expect(Object.keys(pki.regionCas)).toEqual(['eu', 'us']);
  });

  it('issues a server certificate for localhost and the loopback addresses', () => {
    const server = new X509Certificate(pki.server.certPem);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.ca).toBe(false);
    expect(issuedBy(pki.server.certPem, pki.coordinatorCa.certPem)).toBe(true);
  });

  it('issues workers from their region CA and people from the coordinator CA', () => {
    expect(issuedBy(pki.worker.certPem, pki.regionCas['eu']?.certPem ?? '')).toBe(true);
    expect(issuedBy(pki.scientist.certPem, pki.coordinatorCa.certPem)).toBe(true);
    expect(issuedBy(pki.admin.certPem, pki.coordinatorCa.certPem)).toBe(true);
    expect(issuedBy(pki.foreignWorker.certPem, pki.foreignCa.certPem)).toBe(true);
    expect(issuedBy(pki.foreignWorker.certPem, pki.regionCas['eu']?.certPem ?? '')).toBe(false);
  });

  it('puts the SPIFFE ID in the URI SAN', () => {
    expect(pki.worker.uri).toBe('spiffe://test.fedra/region/eu/worker/w1');
    expect(new X509Certificate(pki.worker.certPem).subjectAltName).toBe(
      `URI:${pki.worker.uri ?? ''}`,
    );
    expect(pki.admin.uri).toBe('spiffe://test.fedra/admin/root');
  });

  it('makes the expired certificate expired', () => {
    expect(new Date(new X509Certificate(pki.expiredWorker.certPem).validTo).getTime()).toBeLessThan(
      Date.now(),
    );
  });

  it('bundles every region CA and the coordinator CA for the server', () => {
    const count = pki.clientCaBundle.match(/BEGIN CERTIFICATE/g)?.length;
    expect(count).toBe(3);
    expect(pki.clientCaBundle).toContain(pki.coordinatorCa.certPem);
    expect(pki.clientCaBundle).not.toContain(pki.foreignCa.certPem);
  });

  it('exports private keys as PKCS#8 PEM', () => {
    expect(pki.worker.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});
