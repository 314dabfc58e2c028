/**
 * The error every identity check raises when a caller's identity cannot be
 * established: a malformed or foreign SPIFFE ID, a certificate without
 * exactly one URI SAN, an expired certificate, an issuer that may not vouch
 * for the identity, or no identity at all.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import type { FedraErrorOptions } from '@fedra/common';

/**
 * Why an identity was refused. Travels as `metadata.reason` of the
 * `UNAUTHENTICATED` status, so clients and logs can tell the cases apart.
 *
 * - `malformed`: not a well-formed Fedra SPIFFE ID (scheme, charset, shape).
 * - `wrong-federation`: a well-formed ID of another trust domain.
 * - `unknown-role`: the path names no Fedra role.
 * - `bad-certificate`: the certificate bytes do not parse as X.509.
 * - `no-uri-san`: the certificate has no URI subject alternative name.
 * - `multiple-uri-sans`: more than one URI SAN (SPIFFE allows exactly one).
 * - `not-yet-valid` / `expired`: outside the certificate's validity window.
 * - `untrusted-issuer`: the certificate was not issued by a CA allowed to
 *   vouch for this identity (a region CA minting for another region, or for
 *   a person).
 * - `missing`: the call carries no identity at all.
 */
export type IdentityErrorReason =
  | 'malformed'
  | 'wrong-federation'
  | 'unknown-role'
  | 'bad-certificate'
  | 'no-uri-san'
  | 'multiple-uri-sans'
  | 'not-yet-valid'
  | 'expired'
  | 'untrusted-issuer'
  | 'missing';

/** Longest piece of caller-supplied text quoted in a message. */
const MAX_QUOTED = 160;

/**
 * Quotes caller-supplied text for an error message: JSON-escaped (no control
 * characters reach a log line) and cut to a bounded length.
 */
export function quoteUntrusted(text: string): string {
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(cut);
}

/**
 * The caller's identity could not be established. Travels as
 * `UNAUTHENTICATED` with `fedra-error-code: UNAUTHENTICATED` and
 * `metadata.reason`; clients rebuild it as `UnauthenticatedError`.
 *
 * @example
 * ```ts
 * throw new InvalidIdentityError('wrong-federation', 'identity belongs to federation "other"');
 * ```
 */
export class InvalidIdentityError extends FedraError {
  /** Which check failed. */
  readonly reason: IdentityErrorReason;

  constructor(reason: IdentityErrorReason, message: string, options: FedraErrorOptions = {}) {
    super('UNAUTHENTICATED', message, {
      cause: options.cause,
      metadata: { ...options.metadata, reason },
    });
    this.name = 'InvalidIdentityError';
    this.reason = reason;
  }
}
