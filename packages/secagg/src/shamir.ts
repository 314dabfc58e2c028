/**
 * Shamir secret sharing of short secrets (32-byte seeds and keys).
 *
 * Built on `shamir-secret-sharing` (privy-io): byte-wise over GF(2^8), zero
 * dependencies, randomness from `node:crypto`, audited by Cure53 and Zellic.
 * We chose it over a prime field > 2^256 because an audited, maintained
 * implementation beats writing our own big-number field arithmetic; its cost
 * is a limit of 255 shares per secret (x-coordinates are the non-zero bytes),
 * which bounds the neighbourhood size k + 1 and so n for classic SecAgg.
 *
 * A share is `y bytes (one per secret byte) || x (1 byte)`, so a share is one
 * byte longer than its secret. The library does not detect a wrong share: a
 * caller that must trust a result checks it against a commitment.
 *
 * @module
 */
import { combine, split } from 'shamir-secret-sharing';
import { FedraError } from '@fedra/common';

/** The most shares one secret can have (GF(2^8) has 255 non-zero x). */
export const SHAMIR_MAX_SHARES = 255;
/** The smallest threshold the library accepts. */
export const SHAMIR_MIN_THRESHOLD = 2;

// The library checks `constructor === Uint8Array`, so Buffers and subclasses
// must be copied into a plain Uint8Array first.
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : Uint8Array.from(bytes);
}

// Array.isArray narrows a readonly array to any[]; this keeps the type.
function isArray(value: unknown): boolean {
  return Array.isArray(value);
}

function invalid(message: string, field: string): FedraError {
  return new FedraError('INVALID_ARGUMENT', message, { metadata: { field } });
}

/**
 * Splits `secret` into `shareCount` shares, any `threshold` of which rebuild
 * it and fewer reveal nothing about it.
 *
 * @throws FedraError `INVALID_ARGUMENT` unless the secret is a non-empty
 *   Uint8Array and 2 <= threshold <= shareCount <= 255 (integers).
 */
export async function splitSecret(
  secret: Uint8Array,
  shareCount: number,
  threshold: number,
): Promise<Uint8Array[]> {
  if (!(secret instanceof Uint8Array) || secret.length === 0) {
    throw invalid('secret must be a non-empty byte array', 'secret');
  }
  if (
    !Number.isInteger(shareCount) ||
    shareCount < SHAMIR_MIN_THRESHOLD ||
    shareCount > SHAMIR_MAX_SHARES
  ) {
    throw invalid(
      `shareCount must be an integer in [${SHAMIR_MIN_THRESHOLD}, ${SHAMIR_MAX_SHARES}], got ${shareCount}`,
      'shareCount',
    );
  }
  if (!Number.isInteger(threshold) || threshold < SHAMIR_MIN_THRESHOLD || threshold > shareCount) {
    throw invalid(
      `threshold must be an integer in [${SHAMIR_MIN_THRESHOLD}, shareCount=${shareCount}], got ${threshold}`,
      'threshold',
    );
  }
  return split(plain(secret), shareCount, threshold);
}

/**
 * Rebuilds a secret from shares of one split. Give at least the threshold
 * (fewer give a wrong value, not an error); more are fine.
 *
 * @throws FedraError `INVALID_ARGUMENT` unless 2 <= shares.length <= 255;
 *   `SECAGG_BAD_SHARE` when shares differ in length, are shorter than 2
 *   bytes, or repeat an x-coordinate.
 */
export async function combineShares(shares: readonly Uint8Array[]): Promise<Uint8Array> {
  if (
    !isArray(shares) ||
    shares.length < SHAMIR_MIN_THRESHOLD ||
    shares.length > SHAMIR_MAX_SHARES
  ) {
    throw invalid(
      `combineShares needs between ${SHAMIR_MIN_THRESHOLD} and ${SHAMIR_MAX_SHARES} shares`,
      'shares',
    );
  }
  const first = shares[0];
  const xs = new Set<number>();
  for (const share of shares) {
    if (!(share instanceof Uint8Array) || share.length < 2 || share.length !== first?.length) {
      throw new FedraError('SECAGG_BAD_SHARE', 'shares must be byte arrays of one length (>= 2)');
    }
    const x = share[share.length - 1] ?? 0;
    if (x === 0 || xs.has(x)) {
      throw new FedraError('SECAGG_BAD_SHARE', 'shares repeat an x-coordinate or use x = 0');
    }
    xs.add(x);
  }
  try {
    return await combine(shares.map(plain));
  } catch (cause) {
    throw new FedraError('SECAGG_BAD_SHARE', 'shares could not be combined', { cause });
  }
}
