/**
 * The worker's certificate checks against the coordinator's test PKI (real
 * ECDSA P-256 certificates from `createTestPki`): its own certificate and
 * key, and its peers' chains against the pinned region CAs.
 */
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@fedra/common';
import { createTestPki } from '@fedra/coordinator/testing';
import type { TestCertificate, TestPki } from '@fedra/coordinator/testing';
import { createEd25519Identity, createStaticVerifier } from '@fedra/secagg';
import { loadWorkerCertificate, parseRegionPolicy, PeerVerifier, Worker } from '@fedra/worker';
import type { PeerIdentityInput, TrustBundle } from '@fedra/worker';

let pki: TestPki;
let trust: PeerVerifier;

/** A bundle pinning `regions` of the PKI (as `loadTrustBundle` would build it from files). */
function bundle(regions: readonly string[]): TrustBundle {
  return {
    federation: pki.federation,
    regionCas: Object.fromEntries(
      regions.map((region) => {
        const pem = pki.regionCas[region]?.certPem ?? '';
        const ca = new X509Certificate(pem);
        return [
          region,
          {
            region,
            path: `${region}.pem`,
            pem,
            fingerprint256: ca.fingerprint256,
            subject: ca.subject,
            notAfter: ca.validTo,
          },
        ];
      }),
    ),
  };
}

function identity(certificate: TestCertificate, workerId: string, region: string) {
  return {
    workerId,
    region,
    certificateChain: [new X509Certificate(certificate.certPem).raw],
  } satisfies PeerIdentityInput;
}

beforeAll(async () => {
  pki = await createTestPki({ regions: ['eu', 'us', 'rogue'] });
  trust = new PeerVerifier(bundle(['eu', 'us']));
});

describe('loadWorkerCertificate', () => {
  it('reads the worker id and region from the certificate and signs with its key', async () => {
    const own = loadWorkerCertificate({ cert: pki.worker.certPem, key: pki.worker.keyPem }, trust);
    expect(own).toMatchObject({ workerId: 'w1', region: 'eu', uri: pki.worker.uri });
    const signature = await own.signer.sign(Buffer.from('round keys'));
    const peers = trust.forAttempt({ workerId: 'w1', publicKey: own.publicKey });
    expect(await peers.verify('w1', Buffer.from('round keys'), signature)).toBe(true);
    expect(await peers.verify('w1', Buffer.from('other keys'), signature)).toBe(false);
  });

  it('refuses a key that is not behind the certificate, naming tlsKey', async () => {
    const other = await pki.issueWorker('eu', 'w2');
    const error = (() => {
      try {
        loadWorkerCertificate({ cert: pki.worker.certPem, key: other.keyPem }, trust);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('tlsKey');
  });

  it('refuses a certificate its peers would refuse (not from a pinned CA)', () => {
    expect(() =>
      loadWorkerCertificate(
        { cert: pki.foreignWorker.certPem, key: pki.foreignWorker.keyPem },
        trust,
      ),
    ).toThrow(/tlsCert: peers would refuse this certificate.*pinned CA of region "eu"/);
  });
});

describe('PeerVerifier', () => {
  it('admits a peer whose chain leads to the pinned CA of its region', async () => {
    const peer = await pki.issueWorker('us', 'w7');
    const admitted = trust.check(identity(peer, 'w7', 'us'));
    expect(admitted.region).toBe('us');
    expect(admitted.publicKey.asymmetricKeyType).toBe('ec');
  });

  it('refuses what the pinned bundle does not vouch for, saying why', async () => {
    // A CA the coordinator may trust for region eu, but this worker does not pin.
    const rogue = await pki.issue({
      issuer: 'rogue',
      identity: { role: 'worker', federation: pki.federation, region: 'eu', workerId: 'w9' },
    });
    const expired = pki.expiredWorker;
    const cases: [PeerIdentityInput, RegExp][] = [
      [identity(rogue, 'w9', 'eu'), /not signed by the pinned CA of region "eu"/],
      [identity(await pki.issueWorker('rogue', 'w8'), 'w8', 'rogue'), /has no CA in this worker/],
      [identity(pki.worker, 'w2', 'eu'), /does not name spiffe:\/\/.*\/worker\/w2/],
      [identity(expired, 'w1', 'eu'), /outside its validity window/],
      [{ workerId: 'w1', region: 'eu', certificateChain: [] }, /no certificate was relayed/],
      [
        { workerId: 'w1', region: 'eu', certificateChain: [Buffer.from('not der')] },
        /not valid X\.509/,
      ],
    ];
    for (const [input, message] of cases) expect(() => trust.check(input)).toThrow(message);
  });

  it('admits an attempt all or nothing, and verifies only admitted peers', async () => {
    const own = loadWorkerCertificate({ cert: pki.worker.certPem, key: pki.worker.keyPem }, trust);
    const good = await pki.issueWorker('us', 'w2');
    const goodSigner = loadWorkerCertificate({ cert: good.certPem, key: good.keyPem }, trust);
    const message = Buffer.from('setup payload');
    const signature = await goodSigner.signer.sign(message);

    const refused = trust.forAttempt({ workerId: 'w1', publicKey: own.publicKey });
    const rogue = await pki.issueWorker('rogue', 'w3');
    const outcome = refused.admit(
      [identity(good, 'w2', 'us'), identity(rogue, 'w3', 'rogue')],
      ['w1', 'w2', 'w3'],
    );
    expect(outcome).toMatchObject({ ok: false, workerId: 'w3' });
    expect(await refused.verify('w2', message, signature)).toBe(false);

    const missing = trust.forAttempt({ workerId: 'w1', publicKey: own.publicKey });
    expect(missing.admit([], ['w2'])).toMatchObject({
      ok: false,
      detail: expect.stringContaining('relayed no identity') as unknown,
    });

    const accepted = trust.forAttempt({ workerId: 'w1', publicKey: own.publicKey });
    expect(await accepted.verify('w2', message, signature)).toBe(false);
    expect(accepted.admit([identity(good, 'w2', 'us')], ['w1', 'w2'])).toEqual({
      ok: true,
      admitted: 1,
    });
    expect(await accepted.verify('w2', message, signature)).toBe(true);
    expect(await accepted.verify('w2', message, Buffer.from('bad'))).toBe(false);
  });
});

describe('Worker.create with certificates', () => {
  it('requires the trust bundle with TLS and static keys only without it', async () => {
    const own = loadWorkerCertificate({ cert: pki.worker.certPem, key: pki.worker.keyPem }, trust);
    const policy = parseRegionPolicy(
      JSON.stringify({
        version: 1,
        rounds: { minCohort: 3, minK: 2, minT: 2 },
        model: { maxParameters: 1000, maxClipNorm: 1 },
        owners: [`spiffe://${pki.federation}/scientist/*`],
        datasets: { mnist: { format: 'mnist', shard: 0, shards: 1 } },
        trust: { federation: pki.federation, regionCas: { eu: 'eu.pem' } },
      }),
    );
    const base = {
      coordinator: '127.0.0.1:1',
      signer: own.signer,
      policy,
      datasets: Object.values(policy.datasets),
      stateDir: '/nonexistent',
    };
    const tls = {
      mode: 'tls' as const,
      ca: Buffer.from(pki.coordinatorCa.certPem),
      cert: Buffer.from(pki.worker.certPem),
      key: Buffer.from(pki.worker.keyPem),
      workerId: own.workerId,
    };
    const staticVerifier = createStaticVerifier(new Map());
    await expect(
      Worker.create({ ...base, credentials: tls, verifier: staticVerifier }),
    ).rejects.toMatchObject({ field: 'peerVerifier' });
    const insecure = { mode: 'insecure' as const, federation: pki.federation, region: 'eu' };
    await expect(
      Worker.create({
        ...base,
        signer: createEd25519Identity('w1').signer,
        credentials: { ...insecure, workerId: 'w1' },
        peerVerifier: trust,
      }),
    ).rejects.toMatchObject({ field: 'verifier' });
  });
});
