/**
 * Who is calling: the {@link FedraIdentity} of a grpc-js server call.
 *
 * With mTLS (production) the identity comes from the client certificate the
 * TLS handshake verified, which grpc-js 1.14 exposes as
 * `call.getAuthContext().sslPeerCertificate` (Node's `PeerCertificate`,
 * whose `raw` is the DER). Request fields and metadata never change it.
 *
 * In insecure mode (`--insecure`, **local development only**) there are no
 * certificates; the caller states its identity in the
 * `fedra-insecure-identity` metadata header (a SPIFFE ID), or gets
 * `insecureIdentity`. Anyone who can reach an insecure coordinator can claim
 * to be anyone, including an admin.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { ConfigError } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { checkValidity, readCertificateIdentity } from './certificate-identity.js';
import type { CertificateIdentity } from './certificate-identity.js';
import { assertValidFederation, parseFedraIdentity } from './fedra-identity.js';
import type { FedraIdentity } from './fedra-identity.js';
import { InvalidIdentityError } from './identity-error.js';
import type { IssuerPolicy } from './issuer-policy.js';

/**
 * The metadata header an insecure-mode caller names itself with, e.g.
 * `fedra-insecure-identity: spiffe://dev/region/eu/worker/w1`. Ignored unless
 * the coordinator runs with `insecure: true`. Development only.
 */
export const INSECURE_IDENTITY_HEADER = 'fedra-insecure-identity';

/** What identity resolution reads from a call; every grpc-js server call has it. */
export type IdentifiableCall = Pick<
  ServerUnaryCall<unknown, unknown>,
  'getAuthContext' | 'metadata'
>;

/** Options for {@link identityFromCall} and {@link CallAuthenticator}. */
export interface CallIdentityOptions {
  /** The coordinator's federation (SPIFFE trust domain); identities of others are refused. */
  readonly federation: string;
  /**
   * Development mode without TLS: identities come from the
   * {@link INSECURE_IDENTITY_HEADER} header (or `insecureIdentity`) when the
   * call has no client certificate. Never enable it where the port is
   * reachable by anyone you would not make an admin.
   */
  readonly insecure: boolean;
  /**
   * Insecure mode only: the SPIFFE ID of a caller that sends no
   * {@link INSECURE_IDENTITY_HEADER}. Leave unset to refuse such calls.
   * @default undefined
   */
  readonly insecureIdentity?: string | undefined;
  /**
   * Which CA may issue which identity; see {@link IssuerPolicy}.
   * @default undefined (any CA the TLS layer trusts may issue any identity)
   */
  readonly issuers?: IssuerPolicy | undefined;
  /**
   * The clock certificate validity is checked against.
   * @default () => new Date()
   */
  readonly now?: (() => Date) | undefined;
}

/**
 * Returns the identity of the caller of `call`; see the module doc for where
 * it comes from. Parses the certificate on every call; servers use a
 * {@link CallAuthenticator}, which caches parsed certificates.
 *
 * @throws InvalidIdentityError (`UNAUTHENTICATED`) when no identity can be
 *   established.
 * @throws ConfigError when the options contradict each other.
 */
export function identityFromCall(
  call: IdentifiableCall,
  options: CallIdentityOptions,
): FedraIdentity {
  const insecureFallback = checkOptions(options);
  return resolve(call, options, insecureFallback, (der) =>
    readCertificateIdentity(der, options.federation, options.issuers),
  );
}

/** Options for {@link CallAuthenticator}. */
export interface CallAuthenticatorOptions extends CallIdentityOptions {
  /**
   * How many parsed certificates to keep, keyed by SHA-256 fingerprint.
   * Parsing costs most of a millisecond; the cache makes repeat callers cost
   * a map lookup.
   * @default 4096
   */
  readonly cacheSize?: number | undefined;
  /** Receives the insecure-mode warning. @default undefined (no log) */
  readonly logger?: Logger | undefined;
}

/**
 * Resolves the identity of each call, caching what it learned from each
 * distinct certificate (validity is still checked on every call).
 *
 * @example
 * ```ts
 * const authenticator = new CallAuthenticator({ federation: 'acme', insecure: false, issuers });
 * const identity = authenticator.identify(call);
 * ```
 */
export class CallAuthenticator {
  readonly #options: CallIdentityOptions;
  readonly #insecureFallback: FedraIdentity | undefined;
  readonly #cacheSize: number;
  readonly #cache = new Map<string, CertificateIdentity>();

  /** @throws ConfigError when the options contradict each other or `cacheSize` is negative. */
  constructor(options: CallAuthenticatorOptions) {
    this.#insecureFallback = checkOptions(options);
    this.#options = options;
    this.#cacheSize = options.cacheSize ?? 4096;
    if (!Number.isInteger(this.#cacheSize) || this.#cacheSize < 0) {
      throw new ConfigError('cacheSize', 'cacheSize must be a non-negative integer');
    }
    if (options.insecure) {
      options.logger?.warn(
        { federation: options.federation, header: INSECURE_IDENTITY_HEADER },
        'insecure mode: callers name their own identity; for local development only',
      );
    }
  }

  /** Whether this authenticator accepts self-declared identities. */
  get insecure(): boolean {
    return this.#options.insecure;
  }

  /**
   * The caller's identity.
   *
   * @throws InvalidIdentityError (`UNAUTHENTICATED`) when none can be established.
   */
  identify(call: IdentifiableCall): FedraIdentity {
    return resolve(call, this.#options, this.#insecureFallback, (der, fingerprint) =>
      this.#certificateIdentity(der, fingerprint),
    );
  }

  #certificateIdentity(der: Uint8Array, fingerprint: string | undefined): CertificateIdentity {
    const key = fingerprint ?? createHash('sha256').update(der).digest('hex');
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Re-insert so the map's insertion order is least-recently-used first.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    // Only the time-independent checks run here, so the result can be
    // cached; resolve() checks validity at each call's own time.
    const parsed = readCertificateIdentity(der, this.#options.federation, this.#options.issuers);
    if (this.#cacheSize > 0) {
      if (this.#cache.size >= this.#cacheSize) {
        const oldest = this.#cache.keys().next();
        if (oldest.done !== true) this.#cache.delete(oldest.value);
      }
      this.#cache.set(key, parsed);
    }
    return parsed;
  }
}

/**
 * Validates the options and parses `insecureIdentity` once.
 */
function checkOptions(options: CallIdentityOptions): FedraIdentity | undefined {
  assertValidFederation(options.federation);
  if (options.insecureIdentity === undefined) return undefined;
  if (!options.insecure) {
    throw new ConfigError(
      'insecureIdentity',
      'insecureIdentity is only allowed together with insecure: true',
    );
  }
  try {
    return parseFedraIdentity(options.insecureIdentity, options.federation);
  } catch (error) {
    throw new ConfigError(
      'insecureIdentity',
      `insecureIdentity is not a Fedra identity of federation ${options.federation}`,
      { cause: error },
    );
  }
}

type CertificateResolver = (
  der: Uint8Array,
  fingerprint: string | undefined,
) => CertificateIdentity;

function resolve(
  call: IdentifiableCall,
  options: CallIdentityOptions,
  insecureFallback: FedraIdentity | undefined,
  fromCertificate: CertificateResolver,
): FedraIdentity {
  // grpc-js reports a peer certificate only for TLS sockets whose chain
  // verified (`socket.authorized`), so its presence means TLS vouched for it.
  const peer = call.getAuthContext().sslPeerCertificate;
  const der: unknown = peer?.raw;
  if (der instanceof Uint8Array && der.byteLength > 0) {
    const fingerprint =
      typeof peer?.fingerprint256 === 'string' && peer.fingerprint256 !== ''
        ? peer.fingerprint256
        : undefined;
    const certificate = fromCertificate(der, fingerprint);
    checkValidity(certificate, options.now?.() ?? new Date());
    return certificate.identity;
  }
  if (!options.insecure) {
    throw new InvalidIdentityError(
      'missing',
      'the call carries no client certificate; this coordinator requires mTLS',
    );
  }
  const declared = call.metadata.get(INSECURE_IDENTITY_HEADER);
  if (declared.length === 0) {
    if (insecureFallback !== undefined) return insecureFallback;
    throw new InvalidIdentityError(
      'missing',
      `insecure mode: send your SPIFFE ID in the ${INSECURE_IDENTITY_HEADER} metadata header`,
    );
  }
  const [value] = declared;
  if (declared.length > 1 || typeof value !== 'string') {
    throw new InvalidIdentityError(
      'malformed',
      `send exactly one ${INSECURE_IDENTITY_HEADER} header, as text`,
    );
  }
  return parseFedraIdentity(value, options.federation);
}
