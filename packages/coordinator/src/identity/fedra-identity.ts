/**
 * Fedra's certificate profile: who a caller is, as a SPIFFE ID carried in
 * the certificate's single URI subject alternative name.
 *
 * | role        | SPIFFE ID                                              |
 * |-------------|--------------------------------------------------------|
 * | `worker`    | `spiffe://<federation>/region/<region>/worker/<id>`    |
 * | `scientist` | `spiffe://<federation>/scientist/<name>`               |
 * | `admin`     | `spiffe://<federation>/admin/<name>`                   |
 *
 * The federation is the SPIFFE trust domain. Parsing is deliberately
 * stricter than the SPIFFE grammar so an identity has exactly one spelling:
 * lower-case only (no `EU` vs `eu` regions), segments of 1–63 characters
 * from `[a-z0-9._-]` that start and end with a letter or digit (so no `.`
 * or `..`), no percent-encoding, query, fragment, port or user info.
 *
 * @module
 */
import { ConfigError, InvalidArgumentError } from '@fedra/common';
import { InvalidIdentityError, quoteUntrusted } from './identity-error.js';

/** The roles a Fedra caller can hold; see {@link FedraIdentity}. */
export const FEDRA_ROLES = Object.freeze(['worker', 'scientist', 'admin'] as const);

/**
 * A caller's role:
 * - `worker`: a regional worker (FleetService);
 * - `scientist`: a data scientist (ExperimentService);
 * - `admin`: a coordinator admin (AdminService).
 */
export type FedraRole = (typeof FEDRA_ROLES)[number];

/** Fields every identity has. */
interface IdentityBase {
  /** The federation (SPIFFE trust domain) the identity belongs to. */
  readonly federation: string;
  /** The SPIFFE ID exactly as parsed; use it as the principal in logs and audit records. */
  readonly uri: string;
}

/** A regional worker: `spiffe://<federation>/region/<region>/worker/<workerId>`. */
export interface WorkerIdentity extends IdentityBase {
  readonly role: 'worker';
  /** The region (jurisdiction) whose data the worker trains on. */
  readonly region: string;
  /** The worker's id, unique within its region. */
  readonly workerId: string;
}

/** A data scientist: `spiffe://<federation>/scientist/<name>`. */
export interface ScientistIdentity extends IdentityBase {
  readonly role: 'scientist';
  /** The scientist's name; experiments record it as their owner. */
  readonly name: string;
}

/** A coordinator admin: `spiffe://<federation>/admin/<name>`. */
export interface AdminIdentity extends IdentityBase {
  readonly role: 'admin';
  /** The admin's name, recorded in the audit log. */
  readonly name: string;
}

/** Who a caller is, discriminated by `role`. */
export type FedraIdentity = WorkerIdentity | ScientistIdentity | AdminIdentity;

/** What {@link fedraIdentityUri} needs: an identity without its `uri`. */
export type FedraIdentityParts =
  Omit<WorkerIdentity, 'uri'> | Omit<ScientistIdentity, 'uri'> | Omit<AdminIdentity, 'uri'>;

const SCHEME = 'spiffe://';

/** SPIFFE's own cap on an ID's length, in bytes (all our characters are ASCII). */
const MAX_URI_LENGTH = 2048;

/** A trust domain: lower-case DNS-like label characters, 1–255 long. */
const FEDERATION_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,253}[a-z0-9])?$/;

/** A path segment (region, worker id, name): 1–63 characters. */
const SEGMENT_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/;

/** True when `value` is a valid federation (trust domain) name. */
export function isValidFederation(value: string): boolean {
  return FEDERATION_PATTERN.test(value);
}

/** True when `value` is a valid region, worker id or person name. */
export function isValidIdentitySegment(value: string): boolean {
  return SEGMENT_PATTERN.test(value);
}

/**
 * Checks the federation a caller configured, once, before it is compared
 * with anything.
 *
 * @throws ConfigError (`INVALID_CONFIG`, key `federation`) when malformed.
 */
export function assertValidFederation(federation: string): void {
  if (!isValidFederation(federation)) {
    throw new ConfigError(
      'federation',
      `federation ${quoteUntrusted(federation)} is not a valid SPIFFE trust domain (lower-case [a-z0-9._-], 1-255 characters)`,
    );
  }
}

/**
 * Parses a Fedra SPIFFE ID and checks that it belongs to `federation`.
 *
 * @example
 * ```ts
 * const id = parseFedraIdentity('spiffe://acme/region/eu/worker/w-7', 'acme');
 * if (id.role === 'worker') log.info({ region: id.region, workerId: id.workerId }, 'worker');
 * ```
 *
 * @param uri - The URI SAN of a certificate, or the insecure development header.
 * @param federation - The coordinator's own federation (trust domain).
 * @throws InvalidIdentityError (`UNAUTHENTICATED`) with reason `malformed`,
 *   `wrong-federation` or `unknown-role`.
 * @throws ConfigError when `federation` itself is malformed.
 */
export function parseFedraIdentity(uri: string, federation: string): FedraIdentity {
  assertValidFederation(federation);
  if (uri.length > MAX_URI_LENGTH) {
    throw new InvalidIdentityError(
      'malformed',
      `identity is longer than ${MAX_URI_LENGTH} characters`,
    );
  }
  if (!uri.startsWith(SCHEME)) {
    throw new InvalidIdentityError(
      'malformed',
      `identity ${quoteUntrusted(uri)} is not a spiffe:// URI`,
    );
  }
  const [trustDomain = '', ...segments] = uri.slice(SCHEME.length).split('/');
  if (!isValidFederation(trustDomain)) {
    throw new InvalidIdentityError(
      'malformed',
      `identity ${quoteUntrusted(uri)} has an invalid trust domain`,
    );
  }
  if (segments.length === 0 || !segments.every(isValidIdentitySegment)) {
    throw new InvalidIdentityError(
      'malformed',
      `identity ${quoteUntrusted(uri)} has an empty or invalid path segment (allowed: lower-case [a-z0-9._-], 1-63 characters)`,
    );
  }
  if (trustDomain !== federation) {
    throw new InvalidIdentityError(
      'wrong-federation',
      `identity ${quoteUntrusted(uri)} belongs to federation ${quoteUntrusted(trustDomain)}, not ${quoteUntrusted(federation)}`,
      { metadata: { federation: trustDomain } },
    );
  }
  const identity = identityFromSegments(segments, federation, uri);
  if (identity === undefined) {
    // A known first segment with the wrong shape is a malformed ID; any other
    // first segment names a role Fedra does not have.
    const knownPrefix = ['region', 'scientist', 'admin'].includes(segments[0] ?? '');
    throw new InvalidIdentityError(
      knownPrefix ? 'malformed' : 'unknown-role',
      `identity ${quoteUntrusted(uri)} does not match /region/<region>/worker/<id>, /scientist/<name> or /admin/<name>`,
    );
  }
  return Object.freeze(identity);
}

function identityFromSegments(
  segments: readonly string[],
  federation: string,
  uri: string,
): FedraIdentity | undefined {
  const [first, second, third, fourth] = segments;
  if (
    segments.length === 4 &&
    first === 'region' &&
    second !== undefined &&
    third === 'worker' &&
    fourth !== undefined
  ) {
    return { role: 'worker', federation, region: second, workerId: fourth, uri };
  }
  if (segments.length === 2 && second !== undefined) {
    if (first === 'scientist') return { role: 'scientist', federation, name: second, uri };
    if (first === 'admin') return { role: 'admin', federation, name: second, uri };
  }
  return undefined;
}

/**
 * Builds the SPIFFE ID of an identity: the inverse of
 * {@link parseFedraIdentity}. Used to issue certificates and to name
 * principals.
 *
 * @example
 * ```ts
 * fedraIdentityUri({ role: 'worker', federation: 'acme', region: 'eu', workerId: 'w-7' });
 * // 'spiffe://acme/region/eu/worker/w-7'
 * ```
 *
 * @throws InvalidArgumentError naming the field that is not a valid segment.
 * @throws ConfigError when the federation is malformed.
 */
export function fedraIdentityUri(parts: FedraIdentityParts): string {
  assertValidFederation(parts.federation);
  const segments: Array<[field: string, value: string]> =
    parts.role === 'worker'
      ? [
          ['region', parts.region],
          ['workerId', parts.workerId],
        ]
      : [['name', parts.name]];
  for (const [field, value] of segments) {
    if (!isValidIdentitySegment(value)) {
      throw new InvalidArgumentError(
        field,
        `${field} ${quoteUntrusted(value)} is not a valid identity segment (lower-case [a-z0-9._-], 1-63 characters, starting and ending with a letter or digit)`,
      );
    }
  }
  const base = `${SCHEME}${parts.federation}`;
  return parts.role === 'worker'
    ? `${base}/region/${parts.region}/worker/${parts.workerId}`
    : `${base}/${parts.role}/${parts.name}`;
}
