/**
 * X25519 key agreement (RFC 7748) on `node:crypto`, with raw 32-byte keys so
 * they can be signed, sent and Shamir-shared as plain bytes.
 *
 * @module
 */
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  timingSafeEqual,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FedraError } from '@fedra/common';

/** Length in bytes of X25519 public keys, secret keys and shared secrets. */
export const X25519_KEY_BYTES = 32;

/** An X25519 key pair as raw bytes. */
export interface X25519KeyPair {
  /** The 32-byte public u-coordinate. */
  publicKey: Uint8Array;
  /** The 32-byte raw secret scalar (clamped by X25519 itself when used). */
  secretKey: Uint8Array;
}

// DER framing of a raw X25519 key (RFC 8410): a fixed prefix followed by the
// 32 key bytes, so converting between raw and DER is a concatenation.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function rawFromDer(der: Buffer, prefix: Buffer): Uint8Array {
  if (
    der.length !== prefix.length + X25519_KEY_BYTES ||
    !der.subarray(0, prefix.length).equals(prefix)
  ) {
    throw new FedraError('INTERNAL', 'unexpected X25519 key encoding from node:crypto');
  }
  return new Uint8Array(der.subarray(prefix.length));
}

/**
 * Makes a fresh X25519 key pair. Fedra makes two per participant per attempt
 * (one for share encryption, one for masks) and never reuses them.
 */
export function generateX25519KeyPair(): X25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const pair = {
    publicKey: rawFromDer(publicKey, SPKI_PREFIX),
    secretKey: rawFromDer(privateKey, PKCS8_PREFIX),
  };
  privateKey.fill(0);
  return pair;
}

function checkLength(
  bytes: Uint8Array,
  what: string,
  code: 'INVALID_ARGUMENT' | 'SECAGG_INVALID_MESSAGE',
): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== X25519_KEY_BYTES) {
    throw new FedraError(code, `${what} must be ${X25519_KEY_BYTES} bytes`, {
      metadata: { field: what, length: String(bytes instanceof Uint8Array ? bytes.length : -1) },
    });
  }
}

// Importing a raw secret through PKCS#8 DER costs ~0.5 ms under OpenSSL 3,
// ten times the X25519 operation itself, and a session uses each secret once
// per neighbour. So imports are cached per array object; the cached copy is
// compared on every hit so a caller that reuses or wipes an array never gets
// a stale key.
const secretCache = new WeakMap<Uint8Array, { copy: Buffer; key: KeyObject }>();

function importSecret(secretKey: Uint8Array): KeyObject {
  const cached = secretCache.get(secretKey);
  if (cached !== undefined && timingSafeEqual(cached.copy, secretKey)) return cached.key;
  const der = Buffer.concat([PKCS8_PREFIX, secretKey]);
  try {
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    secretCache.set(secretKey, { copy: Buffer.from(secretKey), key });
    return key;
  } finally {
    der.fill(0);
  }
}

// A JWK import of a public key is ~5x cheaper than SPKI DER.
function importPublic(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength);
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: x.toString('base64url') },
    format: 'jwk',
  });
}

/**
 * The public key that belongs to a raw secret key. The aggregator uses it to
 * check that a masking key rebuilt from shares matches the signed public key.
 *
 * @throws FedraError `INVALID_ARGUMENT` when the secret key is not 32 bytes.
 */
export function x25519PublicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  checkLength(secretKey, 'secretKey', 'INVALID_ARGUMENT');
  const spki = createPublicKey(importSecret(secretKey)).export({ type: 'spki', format: 'der' });
  return rawFromDer(spki, SPKI_PREFIX);
}

/**
 * The X25519 shared secret of our secret key and a peer's public key.
 *
 * A peer key of small order (the all-zero key, 1, the other points of order
 * 2, 4 and 8, or their non-canonical encodings) makes the result all zeros,
 * which would let a malicious peer or coordinator fix the secret; it is
 * rejected, as RFC 7748 section 6.1 allows.
 *
 * @throws FedraError `INVALID_ARGUMENT` when our secret key is not 32 bytes;
 *   `SECAGG_INVALID_MESSAGE` when the peer key is not 32 bytes or is of small
 *   order. The caller adds stage and participant.
 */
export function x25519SharedSecret(secretKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  checkLength(secretKey, 'secretKey', 'INVALID_ARGUMENT');
  checkLength(peerPublicKey, 'peerPublicKey', 'SECAGG_INVALID_MESSAGE');
  let shared: Buffer;
  try {
    shared = diffieHellman({
      privateKey: importSecret(secretKey),
      publicKey: importPublic(peerPublicKey),
    });
  } catch (cause) {
    // OpenSSL itself refuses an all-zero result; report it the same way.
    throw new FedraError(
      'SECAGG_INVALID_MESSAGE',
      'peer X25519 public key is unusable (small order)',
      {
        cause,
        metadata: { field: 'peerPublicKey' },
      },
    );
  }
  // Constant-time all-zero test: OR every byte, branch once.
  let acc = 0;
  for (const byte of shared) acc |= byte;
  if (shared.length !== X25519_KEY_BYTES || acc === 0) {
    shared.fill(0);
    throw new FedraError('SECAGG_INVALID_MESSAGE', 'peer X25519 public key is of small order', {
      metadata: { field: 'peerPublicKey' },
    });
  }
  return new Uint8Array(shared.buffer, shared.byteOffset, shared.length);
}
