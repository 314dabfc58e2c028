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
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@fedra/common';
import type { IdentitySigner } from '@fedra/secagg';
import { loadTrustBundle } from '../policy/load-region-policy.js';
import type { RegionPolicy } from '../policy/region-policy.js';
import { PeerVerifier, signatureDigest, uriSans, UntrustedPeerError } from './peer-verifier.js';
import type { WorkerTlsCredentials } from './worker.js';

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

/** The certificate files of a TLS worker (`--tls-ca`, `--tls-cert`, `--tls-key`). */
export interface TlsFiles {
  /** PEM bundle that authenticates the coordinator. */
  readonly caFile: string;
  /** This worker's certificate chain (PEM), leaf first. */
  readonly certFile: string;
  /** The certificate's private key (PEM). */
  readonly keyFile: string;
}

/** What a TLS worker is built from: see {@link loadTlsIdentity}. */
export interface TlsIdentity {
  /** The worker's `credentials` option. */
  readonly credentials: WorkerTlsCredentials;
  /** Its identity; `certificate.signer` is the worker's `signer` option. */
  readonly certificate: WorkerCertificate;
  /** The policy's pinned trust bundle: the worker's `peerVerifier` option. */
  readonly peerVerifier: PeerVerifier;
}

/**
 * Reads a TLS worker's certificate files and its policy's pinned region CAs
 * into the `credentials`, `signer` and `peerVerifier` options of
 * `Worker.create` (the worker's entry point uses it; so can embedders).
 *
 * @throws ConfigError naming `tlsCa`, `tlsCert`, `tlsKey` or the
 *   `trust.regionCas.<region>` key, with what to fix.
 */
export async function loadTlsIdentity(files: TlsFiles, policy: RegionPolicy): Promise<TlsIdentity> {
  const [ca, cert, key] = await Promise.all([
    readPem(files.caFile, 'tlsCa'),
    readPem(files.certFile, 'tlsCert'),
    readPem(files.keyFile, 'tlsKey'),
  ]);
  const peerVerifier = new PeerVerifier(await loadTrustBundle(policy.trust));
  const certificate = loadWorkerCertificate(
    { cert: cert.toString('utf8'), key: key.toString('utf8') },
    peerVerifier,
  );
  return Object.freeze({
    credentials: Object.freeze({
      mode: 'tls' as const,
      ca,
      cert,
      key,
      workerId: certificate.workerId,
    }),
    certificate,
    peerVerifier,
  });
}

async function readPem(path: string, key: 'tlsCa' | 'tlsCert' | 'tlsKey'): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(key, `${key}: ${path} cannot be read (${code})`, { cause: error });
  }
}
