import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkValidity,
  identityFromCertificate,
  readCertificateIdentity,
} from './certificate-identity.js';
import { InvalidIdentityError } from './identity-error.js';
import type { IdentityErrorReason } from './identity-error.js';
import { IssuerPolicy } from './issuer-policy.js';
import { createTestPki } from './testing.js';
import type { TestCertificate, TestPki } from './testing.js';

let pki: TestPki;
let issuers: IssuerPolicy;

beforeAll(async () => {
  pki = await createTestPki({ federation: 'acme', regions: ['eu', 'us'] });
  issuers = IssuerPolicy.fromPem(pki.issuerPolicy);
});

function der(certificate: TestCertificate): Buffer {
  return new NodeX509Certificate(certificate.certPem).raw;
}

function reasonOf(run: () => unknown): IdentityErrorReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidIdentityError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('identityFromCertificate', () => {
  it('reads a worker identity and the validity window', () => {
    const result = identityFromCertificate(der(pki.worker), 'acme', { issuers });
    expect(result.identity).toEqual({
      role: 'worker',
      federation: 'acme',
      region: 'eu',
      workerId: 'w1',
      uri: 'spiffe://acme/region/eu/worker/w1',
    });
    const node = new NodeX509Certificate(pki.worker.certPem);
    expect(result.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
    expect(result.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
    expect(result.serialNumber.toLowerCase()).toBe(node.serialNumber.toLowerCase());
  });

  it('reads scientists and admins', () => {
    expect(identityFromCertificate(der(pki.scientist), 'acme', { issuers }).identity).toMatchObject(
      {
        role: 'scientist',
        name: 'alice',
      },
    );
    expect(identityFromCertificate(der(pki.admin), 'acme', { issuers }).identity).toMatchObject({
      role: 'admin',
      name: 'root',
    });
  });

  it('accepts a Buffer that is a view into a larger pool', () => {
    const bytes = der(pki.worker);
    const pooled = Buffer.concat([Buffer.alloc(13, 7), bytes, Buffer.alloc(5, 1)]).subarray(
      13,
      13 + bytes.length,
    );
    expect(identityFromCertificate(pooled, 'acme').identity.uri).toBe(pki.worker.uri);
  });

  it('refuses an expired certificate, and one not valid yet', () => {
    expect(reasonOf(() => identityFromCertificate(der(pki.expiredWorker), 'acme'))).toBe('expired');
    expect(
      reasonOf(() =>
        identityFromCertificate(der(pki.worker), 'acme', { now: new Date(Date.now() - 7_200_000) }),
      ),
    ).toBe('not-yet-valid');
  });

  it('refuses certificates without exactly one URI SAN', async () => {
    const none = await pki.issue({ issuer: 'eu', uris: [] });
    const two = await pki.issue({
      issuer: 'eu',
      uris: ['spiffe://acme/region/eu/worker/w1', 'spiffe://acme/admin/root'],
    });
    const fedraAndOther = await pki.issue({
      issuer: 'eu',
      uris: ['spiffe://acme/region/eu/worker/w1', 'https://example.org/'],
    });
    expect(reasonOf(() => identityFromCertificate(der(none), 'acme'))).toBe('no-uri-san');
    expect(reasonOf(() => identityFromCertificate(der(two), 'acme'))).toBe('multiple-uri-sans');
    expect(reasonOf(() => identityFromCertificate(der(fedraAndOther), 'acme'))).toBe(
      'multiple-uri-sans',
    );
  });

  it('refuses a URI that is not a Fedra identity of this federation', async () => {
    const web = await pki.issue({ issuer: 'eu', uris: ['https://example.org/admin/root'] });
    const other = await pki.issue({ issuer: 'eu', uris: ['spiffe://other/region/eu/worker/w1'] });
    expect(reasonOf(() => identityFromCertificate(der(web), 'acme'))).toBe('malformed');
    expect(reasonOf(() => identityFromCertificate(der(other), 'acme'))).toBe('wrong-federation');
  });

  it('refuses bytes that are not a certificate', () => {
    expect(reasonOf(() => identityFromCertificate(Buffer.from('not a certificate'), 'acme'))).toBe(
      'bad-certificate',
    );
    expect(reasonOf(() => identityFromCertificate(new Uint8Array(0), 'acme'))).toBe(
      'bad-certificate',
    );
  });

  it('with an issuer policy, refuses identities minted by the wrong CA', async () => {
    const euMintsUs = await pki.issue({
      issuer: 'eu',
      identity: { role: 'worker', federation: 'acme', region: 'us', workerId: 'w9' },
    });
    const regionMintsAdmin = await pki.issue({
      issuer: 'eu',
      identity: { role: 'admin', federation: 'acme', name: 'mallory' },
    });
    const coordinatorMintsWorker = await pki.issue({
      issuer: 'coordinator',
      identity: { role: 'worker', federation: 'acme', region: 'eu', workerId: 'w2' },
    });
    for (const certificate of [
      euMintsUs,
      regionMintsAdmin,
      coordinatorMintsWorker,
      pki.foreignWorker,
    ]) {
      // Without a policy the identity would be accepted (TLS trusts every CA in the bundle)...
      if (certificate !== pki.foreignWorker) {
        expect(() => identityFromCertificate(der(certificate), 'acme')).not.toThrow();
      }
      // ...with one it is not.
      expect(reasonOf(() => identityFromCertificate(der(certificate), 'acme', { issuers }))).toBe(
        'untrusted-issuer',
      );
    }
    const usWorker = await pki.issueWorker('us', 'w9');
    expect(identityFromCertificate(der(usWorker), 'acme', { issuers }).identity).toMatchObject({
      region: 'us',
      workerId: 'w9',
    });
  });
});

describe('readCertificateIdentity and checkValidity', () => {
  it('split the time-independent checks from the validity window', () => {
    const expired = readCertificateIdentity(der(pki.expiredWorker), 'acme', issuers);
    expect(expired.identity.uri).toBe(pki.expiredWorker.uri);
    expect(
      reasonOf(() => {
        checkValidity(expired, new Date());
      }),
    ).toBe('expired');
    expect(() => {
      checkValidity(expired, new Date(expired.notAfter.getTime() - 1000));
    }).not.toThrow();
  });
});
