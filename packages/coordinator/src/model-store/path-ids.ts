/**
 * Validation of every identifier that becomes a path segment in the model
 * store. The charset is deliberately small: letters, digits, `.`, `_`, `-`,
 * starting with a letter or digit, at most 128 characters, and no `..`
 * anywhere. That rules out traversal (`..`, `/`, `\`), NUL, hidden files,
 * and names that mean something to a shell or to Windows.
 *
 * @module
 */
import { FedraError } from '@fedra/common';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Checks an identifier (experimentId, workerId, region, …).
 *
 * @throws FedraError `INVALID_ARGUMENT` naming `field`; the message does not
 *   echo the value, which may be hostile.
 */
export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value) || value.includes('..')) {
    throw invalidArgument(
      field,
      `${field} must be 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit, without '..'`,
    );
  }
  return value;
}

/** Checks a sha256 digest: 64 lower-case hex digits. */
export function checkSha256(field: string, value: unknown): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw invalidArgument(field, `${field} must be a sha256 digest in 64 lower-case hex digits`);
  }
  return value;
}

/** Checks a whole number >= `min` (round numbers, attempts, versions, offsets). */
export function checkInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalidArgument(field, `${field} must be an integer >= ${min}`);
  }
  return value;
}

/** An `INVALID_ARGUMENT` error naming `field` in its metadata. */
export function invalidArgument(field: string, message: string): FedraError {
  return new FedraError('INVALID_ARGUMENT', message, { metadata: { field } });
}
