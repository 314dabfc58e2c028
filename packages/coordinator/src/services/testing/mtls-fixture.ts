/**
 * The coordinator fixture over mutual TLS with a throw-away PKI
 * ({@link createTestPki}): identities come from client certificates, and
 * participants' signatures are checked against the certificates pinned in
 * each attempt (no test verifier). Plus clients and signers per
 * certificate. Test code only.
 *
 * @module
 */
import { createPrivateKey, sign as signBytes } from 'node:crypto';
import type { IdentitySigner } from '@fedra/secagg';
import { clientCredentialsFromPem } from '../../identity/tls-credentials.js';
import type { TestCertificate, TestPki } from '../../identity/testing.js';
import type { CoordinatorOptions } from '../../server.js';
import { startCoordinator } from './coordinator-fixture.js';
import type { CoordinatorFixture } from './coordinator-fixture.js';
import { connectClients } from './test-clients.js';
import type { TestClients } from './test-clients.js';

/** Starts a coordinator fixture that requires mTLS from `pki`'s CAs. */
export function startMtlsCoordinator(
  pki: TestPki,
  maxWorkers: number,
  options: Partial<CoordinatorOptions> = {},
): Promise<CoordinatorFixture> {
  return startCoordinator(maxWorkers, {
    insecure: false,
    federation: pki.federation,
    tls: { caPem: pki.clientCaBundle, certPem: pki.server.certPem, keyPem: pki.server.keyPem },
    issuers: pki.issuerPolicy,
    participantVerifier: undefined,
    ...options,
  });
}

/** Clients of the coordinator at `address` presenting `certificate` (none: no client certificate). */
export function connectMtls(
  pki: TestPki,
  address: string,
  certificate: TestCertificate | undefined,
): TestClients {
  return connectClients(
    address,
    clientCredentialsFromPem({
      ca: pki.coordinatorCa.certPem,
      ...(certificate === undefined ? {} : { cert: certificate.certPem, key: certificate.keyPem }),
    }),
  );
}

/**
 * Signs as `participantId` with `certificate`'s private key, the way the
 * coordinator verifies (ECDSA and RSA over SHA-256, EdDSA over the message).
 */
export function certificateSigner(
  participantId: string,
  certificate: TestCertificate,
): IdentitySigner {
  const key = createPrivateKey(certificate.keyPem);
  const type = key.asymmetricKeyType;
  const digest = type === 'ed25519' || type === 'ed448' ? null : 'sha256';
  return {
    participantId,
    sign: (message) => Promise.resolve(new Uint8Array(signBytes(digest, message, key))),
  };
}
