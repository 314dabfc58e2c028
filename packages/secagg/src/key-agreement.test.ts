import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  generateX25519KeyPair,
  x25519PublicKeyFromSecret,
  x25519SharedSecret,
} from './key-agreement.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FedraError);
    return (error as FedraError).code;
  }
  throw new Error('expected a FedraError');
}

// Small-order u-coordinates (and non-canonical encodings of them), as in
// libsodium's blocklist: 0, 1, the two points of order 8, p-1, p, p+1.
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('X25519 key agreement', () => {
  it('makes 32-byte keys whose public half matches the secret', () => {
    const pair = generateX25519KeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.secretKey).toHaveLength(32);
    expect(toHex(x25519PublicKeyFromSecret(pair.secretKey))).toBe(toHex(pair.publicKey));
    expect(toHex(generateX25519KeyPair().secretKey)).not.toBe(toHex(pair.secretKey));
  });

  it('lets both sides agree on the same non-zero secret', () => {
    const u = generateX25519KeyPair();
    const v = generateX25519KeyPair();
    const uv = x25519SharedSecret(u.secretKey, v.publicKey);
    const vu = x25519SharedSecret(v.secretKey, u.publicKey);
    expect(uv).toHaveLength(32);
    expect(toHex(uv)).toBe(toHex(vu));
    expect(uv.some((b) => b !== 0)).toBe(true);
    const w = generateX25519KeyPair();
    expect(toHex(x25519SharedSecret(u.secretKey, w.publicKey))).not.toBe(toHex(uv));
  });

  it('matches the RFC 7748 section 6.1 test vector', () => {
    const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bobPublic = hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    expect(toHex(x25519PublicKeyFromSecret(alice))).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(toHex(x25519SharedSecret(alice, bobPublic))).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    );
  });

  it.each(SMALL_ORDER)('rejects the small-order peer key %s', (point) => {
    const pair = generateX25519KeyPair();
    expect(codeOf(() => x25519SharedSecret(pair.secretKey, hex(point)))).toBe(
      'SECAGG_INVALID_MESSAGE',
    );
  });

  it('uses the current bytes of a secret array that was overwritten after use', () => {
    const peer = generateX25519KeyPair();
    const first = generateX25519KeyPair();
    const second = generateX25519KeyPair();
    const reused = Uint8Array.from(first.secretKey);
    const before = x25519SharedSecret(reused, peer.publicKey);
    reused.set(second.secretKey);
    expect(toHex(x25519SharedSecret(reused, peer.publicKey))).toBe(
      toHex(x25519SharedSecret(second.secretKey, peer.publicKey)),
    );
    expect(toHex(x25519PublicKeyFromSecret(reused))).toBe(toHex(second.publicKey));
    expect(toHex(before)).not.toBe(toHex(x25519SharedSecret(reused, peer.publicKey)));
  });

  it('rejects wrong key lengths', () => {
    const pair = generateX25519KeyPair();
    expect(codeOf(() => x25519SharedSecret(pair.secretKey, new Uint8Array(31)))).toBe(
      'SECAGG_INVALID_MESSAGE',
    );
    expect(codeOf(() => x25519SharedSecret(pair.secretKey, new Uint8Array(33)))).toBe(
      'SECAGG_INVALID_MESSAGE',
    );
    expect(codeOf(() => x25519SharedSecret(new Uint8Array(31), pair.publicKey))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => x25519PublicKeyFromSecret(new Uint8Array(0)))).toBe('INVALID_ARGUMENT');
  });
});
