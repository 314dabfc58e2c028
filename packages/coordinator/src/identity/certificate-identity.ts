/**
 * Reads a caller's {@link FedraIdentity} out of an X.509 certificate (the
 * client certificate of an mTLS connection), with `@peculiar/x509`.
 *
 * The TLS handshake has already checked the chain, the validity window and
 * the key; this module checks what TLS does not know about: the SPIFFE
 * profile, the federation, and (with an {@link IssuerPolicy}) that the CA
 * which signed the certificate may vouch for that identity.
 *
 * @module
 */
import { parseFedraIdentity } from './fedra-identity.js';
import type { FedraIdentity } from './fedra-identity.js';
import { InvalidIdentityError } from './identity-error.js';
import type { IssuerPolicy } from './issuer-policy.js';
import { SubjectAlternativeNameExtension, X509Certificate } from './x509.js';

/** An identity together with the certificate facts that bound it. */
export interface CertificateIdentity {
  /** Who the certificate names. */
  readonly identity: FedraIdentity;
  /** Start of the certificate's validity window. */
  readonly notBefore: Date;
  /** End of the certificate's validity window; a connection may outlive it. */
  readonly notAfter: Date;
  /** The certificate's serial number, hex; for logs and audit records. */
  readonly serialNumber: string;
  /** The issuer's distinguished name, for logs. */
  readonly issuer: string;
}

/** Options for {@link identityFromCertificate}. */
export interface CertificateIdentityOptions {
  /**
   * Which CA may issue which identities. Without one, any CA the TLS layer
   * trusts may issue any identity, so a region operator's CA could mint an
   * admin; set it in production.
   * @default undefined (no issuer check)
   */
  readonly issuers?: IssuerPolicy | undefined;
  /**
   * The instant the validity window is checked at.
   * @default new Date()
   */
  readonly now?: Date | undefined;
}

/**
 * Parses a DER certificate into the Fedra identity it carries. The
 * certificate must hold exactly one URI subject alternative name (as SPIFFE
 * X.509-SVIDs do), that URI must be a Fedra SPIFFE ID of `federation`, the
 * certificate must be valid at `options.now`, and, with `options.issuers`,
 * its issuer must be allowed to vouch for the identity.
 *
 * @example
 * ```ts
 * const { identity, notAfter } = identityFromCertificate(peer.raw, 'acme');
 * ```
 *
 * @throws InvalidIdentityError (`UNAUTHENTICATED`) naming the failed check in
 *   `reason`: `bad-certificate`, `no-uri-san`, `multiple-uri-sans`,
 *   `malformed`, `wrong-federation`, `unknown-role`, `not-yet-valid`,
 *   `expired` or `untrusted-issuer`.
 */
export function identityFromCertificate(
  der: Uint8Array,
  federation: string,
  options: CertificateIdentityOptions = {},
): CertificateIdentity {
  const result = readCertificateIdentity(der, federation, options.issuers);
  checkValidity(result, options.now ?? new Date());
  return result;
}

/**
 * {@link identityFromCertificate} without the validity-window check: every
 * check whose answer does not depend on the time, so the result can be
 * cached per certificate. Callers must run {@link checkValidity} themselves.
 *
 * @throws InvalidIdentityError as {@link identityFromCertificate} does,
 *   except `not-yet-valid` and `expired`.
 */
export function readCertificateIdentity(
  der: Uint8Array,
  federation: string,
  issuers?: IssuerPolicy,
): CertificateIdentity {
  const parsed = parseCertificate(der);
  const count = parsed.uris.length;
  if (count === 0) {
    throw new InvalidIdentityError(
      'no-uri-san',
      'client certificate has no URI subject alternative name',
    );
  }
  if (count > 1) {
    throw new InvalidIdentityError(
      'multiple-uri-sans',
      `client certificate has ${count} URI subject alternative names; exactly one SPIFFE ID is allowed`,
    );
  }
  const identity = parseFedraIdentity(parsed.uris[0] ?? '', federation);
  issuers?.check(der, identity);
  return Object.freeze({
    identity,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    serialNumber: parsed.serialNumber,
    issuer: parsed.issuer,
  });
}

/**
 * Checks that `now` lies inside the certificate's validity window. The TLS
 * handshake checks it once, but a long-lived connection (a task stream) can
 * outlive its certificate, so it is checked again on every call.
 *
 * @throws InvalidIdentityError with reason `not-yet-valid` or `expired`.
 */
export function checkValidity(certificate: CertificateIdentity, now: Date): void {
  if (now.getTime() < certificate.notBefore.getTime()) {
    throw new InvalidIdentityError(
      'not-yet-valid',
      `client certificate is not valid before ${certificate.notBefore.toISOString()}`,
    );
  }
  if (now.getTime() > certificate.notAfter.getTime()) {
    throw new InvalidIdentityError(
      'expired',
      `client certificate expired at ${certificate.notAfter.toISOString()}`,
    );
  }
}

/** What {@link identityFromCertificate} reads from the certificate. */
interface ParsedCertificate {
  readonly uris: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialNumber: string;
  readonly issuer: string;
}

function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    // A copy, so a Buffer that is a view into a larger pool is read from its
    // own bytes only.
    const certificate = new X509Certificate(new Uint8Array(der));
    // Every URI SAN counts, Fedra's or not: an SVID carries exactly one, and
    // a second URI would let a certificate mean two things to two readers.
    const uris = certificate
      .getExtensions(SubjectAlternativeNameExtension)
      .flatMap((extension) => extension.names.items)
      .filter((name) => name.type === 'url')
      .map((name) => name.value);
    return {
      uris,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      serialNumber: certificate.serialNumber,
      issuer: certificate.issuer,
    };
  } catch (error) {
    throw new InvalidIdentityError('bad-certificate', 'client certificate is not valid X.509', {
      cause: error,
    });
  }
}
