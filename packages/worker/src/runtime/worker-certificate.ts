/**
 * The worker's own identity in TLS mode: its client certificate (the SPIFFE
 * ID `spiffe://<federation>/region/<region>/worker/<id>` names it) and the
 * private key behind it, which also signs the worker's secure-aggregation
 * messages. One key for both, so what the coordinator authenticated on the
 * connection and what peers verify against the trust bundle are the same
 * identity; the coordinator checks setup signatures against the registered
 * certificate's key too, so a separate signing key would be refused there.
 *
 * @module
 */
import { createPrivateKey, createPublicKey, sign as signBytes, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ConfigError } from '@fedra/common';
import type { IdentitySigner } from '@fedra/secagg';
import { signatureDigest, uriSans, UntrustedPeerError } from './peer-verifier.js';
import type { PeerVerifier } from './peer-verifier.js';

/** This worker's certificate identity. */
export interface WorkerCertificate {
  /** The worker id from the certificate's SPIFFE ID. */
  readonly workerId: string;
  /** The region from the certificate's SPIFFE ID. */
  readonly region: string;
  /** The SPIFFE ID itself. */
  readonly uri: string;
  /** DER certificates, leaf first (intermediates after it, no root). */
  readonly chain: readonly Buffer[];
  /** The leaf's public key: what peers verify this worker's signatures with. */
  readonly publicKey: KeyObject;
  /** Signs with the private key behind the certificate. */
  readonly signer: IdentitySigner;
  /** End of the leaf's validity, ISO 8601. */
  readonly notAfter: string;
}

const SEGMENT = '[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?';
const WORKER_PATH = new RegExp(`^/region/(${SEGMENT})/worker/(${SEGMENT})$`);

/**
 * Reads the worker's certificate chain and private key (PEM) and checks them
 * the way its peers will: the key matches the leaf, the leaf names one
 * worker of the trust bundle's federation, and the chain leads to the
 * pinned CA of that worker's region ({@link PeerVerifier.check}). A worker
 * whose peers would refuse it stops at start instead of in every round.
 *
 * @throws ConfigError naming `tlsCert` or `tlsKey` with what to fix.
 */
export function loadWorkerCertificate(
  pem: { readonly cert: string; readonly key: string },
  trust: PeerVerifier,
): WorkerCertificate {
  const blocks = pem.cert.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (blocks === null)
    throw new ConfigError('tlsCert', 'tlsCert: the file holds no PEM certificate');
  let chain: X509Certificate[];
  try {
    chain = blocks.map((block) => new X509Certificate(block));
  } catch (error) {
    throw new ConfigError('tlsCert', 'tlsCert: a certificate in the file is not valid X.509', {
      cause: error,
    });
  }
  const leaf = chain[0] as X509Certificate;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem.key);
  } catch (error) {
    throw new ConfigError('tlsKey', 'tlsKey: the file is not a readable PEM private key', {
      cause: error,
    });
  }
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(leaf.publicKey.export({ type: 'spki', format: 'der' })))
    throw new ConfigError(
      'tlsKey',
      'tlsKey: the private key does not belong to the first certificate of tlsCert',
    );
  const uris = uriSans(leaf);
  const prefix = `spiffe://${trust.federation}`;
  const uri = uris.length === 1 ? (uris[0] as string) : '';
  const match = uri.startsWith(prefix) ? WORKER_PATH.exec(uri.slice(prefix.length)) : null;
  if (match === null)
    throw new ConfigError(
      'tlsCert',
      `tlsCert: the certificate must carry exactly one URI SAN of the form ${prefix}/region/<region>/worker/<id> (the policy's trust.federation)`,
    );
  const region = match[1] as string;
  const workerId = match[2] as string;
  const der = chain.map((certificate) => certificate.raw);
  try {
    trust.check({ workerId, region, certificateChain: der });
  } catch (error) {
    if (!(error instanceof UntrustedPeerError)) throw error;
    throw new ConfigError(
      'tlsCert',
      `tlsCert: peers would refuse this certificate (${error.message}); it must chain to the policy's trust.regionCas.${region}`,
      { cause: error },
    );
  }
  const digest = signatureDigest(privateKey);
  const signer: IdentitySigner = Object.freeze({
    participantId: workerId,
    sign: (message: Uint8Array) =>
      Promise.resolve(new Uint8Array(signBytes(digest, message, privateKey))),
  });
  return Object.freeze({
    workerId,
    region,
    uri,
    chain: Object.freeze(der),
    publicKey: leaf.publicKey,
    signer,
    notAfter: new Date(leaf.validTo).toISOString(),
  });
}
