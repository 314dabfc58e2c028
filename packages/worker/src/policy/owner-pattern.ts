/**
 * Experiment-owner entries of a region policy. An owner is the data
 * scientist's SPIFFE ID, `spiffe://<federation>/scientist/<name>`
 * (ARCHITECTURE.md, certificate profile). A policy entry is either one such
 * ID or `spiffe://<federation>/scientist/*` for every scientist of the
 * federation. Nothing broader exists: no regular expressions, no wildcard
 * federation, so an entry cannot accidentally admit identities from
 * another trust domain or another role.
 *
 * @module
 */

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Why `pattern` is not a valid owner entry for `federation`, or `undefined`
 * when it is.
 */
export function checkOwnerPattern(pattern: string, federation: string): string | undefined {
  const prefix = `spiffe://${federation}/scientist/`;
  if (!pattern.startsWith(prefix)) {
    return `must be ${prefix}<name> or ${prefix}* (an owner in the policy's federation ${federation})`;
  }
  const name = pattern.slice(prefix.length);
  if (name !== '*' && !SEGMENT.test(name)) {
    return `the name after ${prefix} must be * or match ${SEGMENT.source}`;
  }
  return undefined;
}

/**
 * True when `owner` is one of `patterns` or is a scientist the wildcard
 * entry `spiffe://<federation>/scientist/*` covers. Patterns are assumed
 * valid (see {@link checkOwnerPattern}); the owner is untrusted input.
 */
export function ownerAllowed(owner: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    if (pattern === owner) return true;
    if (pattern.endsWith('/*')) {
      const prefix = pattern.slice(0, -1);
      if (owner.startsWith(prefix) && SEGMENT.test(owner.slice(prefix.length))) return true;
    }
  }
  return false;
}
