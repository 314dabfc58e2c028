/**
 * Checks peers' identity certificates against the federation trust bundle
 * the region pins (the region CAs of its policy's `trust:` section), and
 * verifies their secure-aggregation signatures with the keys behind those
 * certificates.
 *
 * The coordinator relays each neighbour's certificate chain with its signed
 * keys (GetShareKeys' `identities`). A peer is admitted only when its chain
 * leads, signature by signature, to the pinned CA of the region it claims,
 * every certificate is inside its validity window, and the leaf's single
 * URI SAN is exactly `spiffe://<federation>/region/<region>/worker/<id>`.
 * So the coordinator's own TLS CA, or a CA the coordinator wrongly trusts
 * for a region, cannot mint a participant this worker would accept.
 *
 * Signatures follow Node's `crypto.sign` conventions for the certificate's
 * key, as the coordinator's check does: Ed25519/Ed448 sign the message
 * itself; ECDSA and RSA sign its SHA-256 (ECDSA signatures DER-encoded).
 *
 * @module
 */
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IdentityVerifier } from '@fedra/secagg';
import type { TrustBundle } from '../policy/load-region-policy.js';

/** Longest chain accepted (leaf and intermediates, the pinned CA not counted). */
export const MAX_PEER_CHAIN_LENGTH = 4;

/** A peer's identity as the coordinator relays it (GetShareKeys' `PeerIdentity`). */
export interface PeerIdentityInput {
  /** The peer's worker id. */
  readonly workerId: string;
  /** The region the peer claims. */
  readonly region: string;
  /** DER certificates, leaf first, up to (not including) the region CA. */
  readonly certificateChain: readonly Uint8Array[];
}

/** A peer admitted to an attempt. */
export interface AdmittedPeer {
  /** The peer's worker id. */
  readonly workerId: string;
  /** Its region, proven by the pinned CA that issued its chain. */
  readonly region: string;
  /** The key its signatures verify under. */
  readonly publicKey: KeyObject;
}

/** The outcome of {@link AttemptPeers.admit}. */
export type PeerAdmission =
  | { readonly ok: true; readonly admitted: number }
  | {
      readonly ok: false;
      /** The first peer that failed. */
      readonly workerId: string;
      /** Why, in one line safe to send to the coordinator. */
      readonly detail: string;
    };

/** Options of {@link PeerVerifier}. */
export interface PeerVerifierOptions {
  /**
   * The clock validity windows are checked against.
   * @default () => new Date()
   */
  readonly now?: (() => Date) | undefined;
}

/** A peer certificate chain that does not lead to the pinned trust bundle. */
export class UntrustedPeerError extends Error {
  /** The peer whose identity failed. */
  readonly workerId: string;
  constructor(workerId: string, message: string) {
    super(message);
    this.name = 'UntrustedPeerError';
    this.workerId = workerId;
  }
}

/**
 * The `crypto.sign` / `crypto.verify` digest for an identity key: none for
 * Ed25519 and Ed448 (they hash internally), SHA-256 for ECDSA and RSA.
 */
export function signatureDigest(key: KeyObject): 'sha256' | null {
  const type = key.asymmetricKeyType;
  return type === 'ed25519' || type === 'ed448' ? null : 'sha256';
}

/** The SPIFFE ID a worker certificate must carry. */
export function workerSpiffeId(federation: string, region: string, workerId: string): string {
  return `spiffe://${federation}/region/${region}/worker/${workerId}`;
}

/**
 * The URI SANs of a certificate, as Node prints them. A URI Node had to
 * quote (it holds `,` or other separators) stays quoted, so it can never
 * equal a Fedra SPIFFE ID, yet still counts.
 */
export function uriSans(certificate: X509Certificate): string[] {
  const text = certificate.subjectAltName;
  if (text === undefined) return [];
  return text
    .split(', ')
    .filter((entry) => entry.startsWith('URI:'))
    .map((entry) => entry.slice(4));
}

/**
 * The pinned federation trust bundle as a certificate-chain checker; one
 * per worker. {@link PeerVerifier.forAttempt} gives each round attempt its
 * own {@link AttemptPeers}, the `IdentityVerifier` its session uses.
 */
export class PeerVerifier {
  /** The federation (SPIFFE trust domain) every peer must belong to. */
  readonly federation: string;
  readonly #cas: ReadonlyMap<string, X509Certificate>;
  readonly #now: () => Date;

  constructor(bundle: TrustBundle, options: PeerVerifierOptions = {}) {
    this.federation = bundle.federation;
    this.#cas = new Map(
      Object.entries(bundle.regionCas).map(([region, ca]) => [region, new X509Certificate(ca.pem)]),
    );
    this.#now = options.now ?? (() => new Date());
  }

  /** The regions whose CAs are pinned. */
  get regions(): readonly string[] {
    return [...this.#cas.keys()];
  }

  /**
   * Checks one peer's chain against the pinned CA of the region it claims.
   *
   * @returns the peer, with the key its signatures verify under.
   * @throws UntrustedPeerError naming the check that failed.
   */
  check(identity: PeerIdentityInput): AdmittedPeer {
    const { workerId, region } = identity;
    const fail = (message: string): never => {
      throw new UntrustedPeerError(workerId, `peer ${show(workerId)}: ${message}`);
    };
    const ca = this.#cas.get(region);
    if (ca === undefined)
      fail(`region ${show(region)} has no CA in this worker's pinned trust bundle`);
    const chainBytes = identity.certificateChain;
    if (chainBytes.length === 0)
      fail('no certificate was relayed, so its key cannot be checked against the trust bundle');
    if (chainBytes.length > MAX_PEER_CHAIN_LENGTH)
      fail(`certificate chain of ${chainBytes.length} exceeds ${MAX_PEER_CHAIN_LENGTH}`);
    const chain: X509Certificate[] = [];
    for (const der of chainBytes) {
      try {
        chain.push(new X509Certificate(Buffer.from(der)));
      } catch {
        fail('a relayed certificate is not valid X.509');
      }
    }
    const now = this.#now();
    const issuers = [...chain.slice(1), ca as X509Certificate];
    chain.forEach((certificate, i) => {
      const issuer = issuers[i] as X509Certificate;
      if (!certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey))
        fail(
          i === chain.length - 1
            ? `certificate is not signed by the pinned CA of region ${show(region)}`
            : 'certificate chain is broken (an issuer does not match)',
        );
      if (i > 0 && !certificate.ca) fail('an intermediate certificate is not a CA');
      if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo))
        fail('a certificate in its chain is outside its validity window');
    });
    const leaf = chain[0] as X509Certificate;
    if (leaf.ca) fail('its certificate is a CA certificate, not a worker certificate');
    const expected = workerSpiffeId(this.federation, region, workerId);
    const uris = uriSans(leaf);
    if (uris.length !== 1 || uris[0] !== expected)
      fail(`certificate does not name ${expected} as its only URI SAN`);
    return Object.freeze({ workerId, region, publicKey: leaf.publicKey });
  }

  /**
   * A verifier for one round attempt that trusts `self` (this worker's own
   * signatures come back inside survivor sets) and the peers later admitted.
   */
  forAttempt(self: { readonly workerId: string; readonly publicKey: KeyObject }): AttemptPeers {
    return new AttemptPeers(this, self);
  }
}

/**
 * One attempt's trusted peers, filled at share-keys by {@link AttemptPeers.admit};
 * until then only this worker's own key verifies.
 */
export class AttemptPeers implements IdentityVerifier {
  readonly #bundle: PeerVerifier;
  readonly #keys = new Map<string, KeyObject>();
  readonly #self: string;

  constructor(
    bundle: PeerVerifier,
    self: { readonly workerId: string; readonly publicKey: KeyObject },
  ) {
    this.#bundle = bundle;
    this.#self = self.workerId;
    this.#keys.set(self.workerId, self.publicKey);
  }

  /**
   * Admits the neighbours whose keys arrived (`senders`), each from its
   * relayed identity. All or nothing: the first sender without an identity,
   * or whose identity fails {@link PeerVerifier.check}, refuses the lot,
   * and nothing is admitted.
   */
  admit(identities: readonly PeerIdentityInput[], senders: readonly string[]): PeerAdmission {
    const byId = new Map<string, PeerIdentityInput>();
    for (const identity of identities) byId.set(identity.workerId, identity);
    const admitted: AdmittedPeer[] = [];
    for (const sender of new Set(senders)) {
      if (sender === this.#self) continue; // our own keys, echoed back
      const identity = byId.get(sender);
      if (identity === undefined)
        return {
          ok: false,
          workerId: sender,
          detail: `peer ${show(sender)}: the coordinator relayed no identity for it`,
        };
      try {
        admitted.push(this.#bundle.check(identity));
      } catch (error) {
        if (!(error instanceof UntrustedPeerError)) throw error;
        return { ok: false, workerId: sender, detail: error.message };
      }
    }
    for (const peer of admitted) this.#keys.set(peer.workerId, peer.publicKey);
    return { ok: true, admitted: admitted.length };
  }

  /** True only for a valid signature of an admitted peer (or this worker). */
  verify(participantId: string, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const key = this.#keys.get(participantId);
    if (key === undefined) return Promise.resolve(false);
    try {
      return Promise.resolve(verifySignature(signatureDigest(key), message, key, signature));
    } catch {
      return Promise.resolve(false);
    }
  }
}

function show(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 61)}...` : text);
}
