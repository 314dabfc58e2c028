/**
 * Which certificate authority may vouch for which identity.
 *
 * The coordinator's TLS layer trusts a bundle of CAs: every region's CA
 * (held by that region's operator) and the CA that issues people's
 * certificates. TLS accepts a certificate signed by any of them, so without
 * a further check the operator of region `eu` could mint
 * `…/region/us/worker/x` or `…/admin/root`. An IssuerPolicy closes that:
 * a worker certificate must be signed directly by one of its own region's
 * CAs, a scientist's or admin's by one of the CAs listed for that role.
 *
 * @module
 */
import { X509Certificate } from 'node:crypto';
import { ConfigError } from '@fedra/common';
import { isValidIdentitySegment } from './fedra-identity.js';
import type { FedraIdentity, FedraRole } from './fedra-identity.js';
import { InvalidIdentityError } from './identity-error.js';

/**
 * The CAs allowed to issue each kind of identity, as PEM text (a PEM string
 * may hold several certificates). A role or region with no entry can have
 * no valid certificate.
 */
export interface IssuerPolicyOptions {
  /** Region name → CAs that may issue that region's worker certificates. */
  readonly workers?: Readonly<Record<string, readonly string[]>>;
  /** CAs that may issue scientist certificates. */
  readonly scientists?: readonly string[];
  /** CAs that may issue admin certificates. */
  readonly admins?: readonly string[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Checks that a client certificate was issued by a CA allowed for the
 * identity it names. Certificates must be signed directly by the listed CA
 * (no intermediates), which keeps the check a single signature
 * verification.
 *
 * @example
 * ```ts
 * const issuers = IssuerPolicy.fromPem({
 *   workers: { eu: [euCaPem], us: [usCaPem] },
 *   scientists: [peopleCaPem],
 *   admins: [peopleCaPem],
 * });
 * identityFromCertificate(der, 'acme', { issuers });
 * ```
 */
export class IssuerPolicy {
  readonly #workers: ReadonlyMap<string, readonly X509Certificate[]>;
  readonly #people: ReadonlyMap<Exclude<FedraRole, 'worker'>, readonly X509Certificate[]>;

  private constructor(
    workers: ReadonlyMap<string, readonly X509Certificate[]>,
    people: ReadonlyMap<Exclude<FedraRole, 'worker'>, readonly X509Certificate[]>,
  ) {
    this.#workers = workers;
    this.#people = people;
  }

  /**
   * Builds a policy from PEM CA certificates.
   *
   * @throws ConfigError naming the entry (`issuers.workers.<region>`,
   *   `issuers.scientists`, `issuers.admins`) that holds no certificate, a
   *   certificate that does not parse, or one that is not a CA, and any region
   *   name that is not a valid identity segment.
   */
  static fromPem(options: IssuerPolicyOptions): IssuerPolicy {
    const workers = new Map<string, readonly X509Certificate[]>();
    for (const [region, pems] of Object.entries(options.workers ?? {})) {
      const key = `issuers.workers.${region}`;
      if (!isValidIdentitySegment(region)) {
        throw new ConfigError(
          key,
          `region name ${JSON.stringify(region)} is not a valid identity segment`,
        );
      }
      workers.set(region, parseCas(key, pems));
    }
    const people = new Map<Exclude<FedraRole, 'worker'>, readonly X509Certificate[]>();
    if (options.scientists !== undefined) {
      people.set('scientist', parseCas('issuers.scientists', options.scientists));
    }
    if (options.admins !== undefined) {
      people.set('admin', parseCas('issuers.admins', options.admins));
    }
    return new IssuerPolicy(workers, people);
  }

  /** The regions that have at least one worker CA. */
  get regions(): readonly string[] {
    return [...this.#workers.keys()];
  }

  /**
   * Checks that the DER certificate `der`, which names `identity`, was
   * signed by a CA allowed for that identity.
   *
   * @throws InvalidIdentityError with reason `untrusted-issuer` (or
   *   `bad-certificate` when `der` does not parse).
   */
  check(der: Uint8Array, identity: FedraIdentity): void {
    let leaf: X509Certificate;
    try {
      leaf = new X509Certificate(der);
    } catch (error) {
      throw new InvalidIdentityError('bad-certificate', 'client certificate is not valid X.509', {
        cause: error,
      });
    }
    const allowed =
      identity.role === 'worker'
        ? this.#workers.get(identity.region)
        : this.#people.get(identity.role);
    const issued = (allowed ?? []).some((ca) => leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
    if (!issued) {
      const scope =
        identity.role === 'worker' ? `region ${identity.region} workers` : `${identity.role}s`;
      throw new InvalidIdentityError(
        'untrusted-issuer',
        `certificate for ${identity.uri} was not issued by a CA allowed to issue ${scope}`,
        { metadata: { role: identity.role } },
      );
    }
  }
}

function parseCas(key: string, pems: readonly string[]): readonly X509Certificate[] {
  const blocks = pems.flatMap((pem) => pem.match(PEM_CERTIFICATE) ?? []);
  if (blocks.length === 0) {
    throw new ConfigError(key, `${key} holds no PEM certificate`);
  }
  return Object.freeze(
    blocks.map((block, index) => {
      let ca: X509Certificate;
      try {
        ca = new X509Certificate(block);
      } catch (error) {
        throw new ConfigError(key, `${key}: certificate ${index + 1} does not parse`, {
          cause: error,
        });
      }
      if (!ca.ca) {
        throw new ConfigError(
          key,
          `${key}: certificate ${index + 1} (${ca.subject}) is not a CA certificate`,
        );
      }
      return ca;
    }),
  );
}
