import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidArgumentError } from '@fedra/common';
import type { FedraError } from '@fedra/common';
import { fedraIdentityUri, isValidIdentitySegment, parseFedraIdentity } from './fedra-identity.js';
import type { FedraIdentityParts } from './fedra-identity.js';
import { InvalidIdentityError } from './identity-error.js';
import type { IdentityErrorReason } from './identity-error.js';

const FED = 'acme.example';

function reasonOf(run: () => unknown): IdentityErrorReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidIdentityError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseFedraIdentity', () => {
  it('parses a worker, taking region and id from the path', () => {
    const uri = `spiffe://${FED}/region/eu-west/worker/w-7.a_b`;
    expect(parseFedraIdentity(uri, FED)).toEqual({
      role: 'worker',
      federation: FED,
      region: 'eu-west',
      workerId: 'w-7.a_b',
      uri,
    });
  });

  it('parses scientists and admins', () => {
    expect(parseFedraIdentity(`spiffe://${FED}/scientist/alice`, FED)).toMatchObject({
      role: 'scientist',
      name: 'alice',
    });
    expect(parseFedraIdentity(`spiffe://${FED}/admin/root`, FED)).toMatchObject({
      role: 'admin',
      name: 'root',
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseFedraIdentity(`spiffe://${FED}/admin/root`, FED))).toBe(true);
  });

  it.each([
    ['https scheme', `https://${FED}/admin/root`],
    ['upper-case scheme', `SPIFFE://${FED}/admin/root`],
    ['upper-case path', `spiffe://${FED}/admin/Root`],
    ['upper-case trust domain', `spiffe://ACME/admin/root`],
    ['trailing slash', `spiffe://${FED}/admin/root/`],
    ['empty segment', `spiffe://${FED}/region//worker/w1`],
    ['dot segment', `spiffe://${FED}/region/./worker/w1`],
    ['dot-dot segment', `spiffe://${FED}/region/../worker/w1`],
    ['percent-encoding', `spiffe://${FED}/admin/r%6Fot`],
    ['query', `spiffe://${FED}/admin/root?x=1`],
    ['fragment', `spiffe://${FED}/admin/root#x`],
    ['port', `spiffe://${FED}:443/admin/root`],
    ['user info', `spiffe://u@${FED}/admin/root`],
    ['no path', `spiffe://${FED}`],
    ['worker without id', `spiffe://${FED}/region/eu/worker`],
    ['worker with extra segment', `spiffe://${FED}/region/eu/worker/w1/x`],
    ['admin with extra segment', `spiffe://${FED}/admin/root/x`],
    ['segment too long', `spiffe://${FED}/admin/${'a'.repeat(64)}`],
    ['segment ending in a dash', `spiffe://${FED}/admin/root-`],
    ['whitespace', `spiffe://${FED}/admin/ro ot`],
    ['over 2048 characters', `spiffe://${FED}/admin/${'a/'.repeat(1100)}a`],
  ])('refuses %s as malformed', (_name, uri) => {
    expect(reasonOf(() => parseFedraIdentity(uri, FED))).toBe('malformed');
  });

  it('refuses another federation', () => {
    const error = (() => {
      try {
        parseFedraIdentity('spiffe://other/admin/root', FED);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidIdentityError);
    const identityError = error as InvalidIdentityError;
    expect(identityError.reason).toBe('wrong-federation');
    expect(identityError.code).toBe('UNAUTHENTICATED');
    expect(identityError.metadata).toMatchObject({
      reason: 'wrong-federation',
      federation: 'other',
    });
  });

  it('refuses roles Fedra does not have', () => {
    expect(reasonOf(() => parseFedraIdentity(`spiffe://${FED}/operator/bob`, FED))).toBe(
      'unknown-role',
    );
    expect(reasonOf(() => parseFedraIdentity(`spiffe://${FED}/worker/w1`, FED))).toBe(
      'unknown-role',
    );
  });

  it('quotes caller text safely and boundedly in messages', () => {
    const uri = `spiffe://${FED}/admin/\n${'x'.repeat(500)}`;
    try {
      parseFedraIdentity(uri, FED);
      expect.unreachable();
    } catch (error) {
      expect((error as FedraError).message).not.toContain('\n');
      expect((error as FedraError).message.length).toBeLessThan(400);
    }
  });

  it('rejects a malformed configured federation as a ConfigError', () => {
    expect(() => parseFedraIdentity('spiffe://Acme/admin/root', 'Acme')).toThrow(ConfigError);
  });
});

describe('fedraIdentityUri', () => {
  const segment = fc.stringMatching(/^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/);
  const parts: fc.Arbitrary<FedraIdentityParts> = fc.oneof(
    fc.record({
      role: fc.constant('worker' as const),
      federation: fc.constant(FED),
      region: segment,
      workerId: segment,
    }),
    fc.record({
      role: fc.constantFrom('scientist' as const, 'admin' as const),
      federation: fc.constant(FED),
      name: segment,
    }),
  );

  it('round-trips through parseFedraIdentity', () => {
    fc.assert(
      fc.property(parts, (identity) => {
        const uri = fedraIdentityUri(identity);
        expect(parseFedraIdentity(uri, FED)).toEqual({ ...identity, uri });
      }),
    );
  });

  it('refuses segments parseFedraIdentity would refuse, naming the field', () => {
    fc.assert(
      fc.property(
        fc.string().filter((value) => !isValidIdentitySegment(value)),
        (bad) => {
          try {
            fedraIdentityUri({ role: 'worker', federation: FED, region: 'eu', workerId: bad });
            return false;
          } catch (error) {
            return error instanceof InvalidArgumentError && error.field === 'workerId';
          }
        },
      ),
    );
  });
});
