import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { generateX25519KeyPair, x25519SharedSecret } from './key-agreement.js';
import type { KdfContext } from './kdf.js';
import { decryptFromPeer, encryptForPeer, SHARE_OVERHEAD_BYTES } from './share-cipher.js';

const u = generateX25519KeyPair();
const v = generateX25519KeyPair();
const secret = x25519SharedSecret(u.secretKey, v.publicKey);
const ctx: KdfContext = {
  protocolVersion: 1,
  experimentId: 'exp-1',
  roundNumber: 7,
  attempt: 2,
  stage: 'share-keys',
  sender: 'u',
  recipient: 'v',
};
const plaintext = Uint8Array.from(randomBytes(66));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function decryptError(blob: Uint8Array, context: KdfContext, key = secret): FedraError {
  try {
    decryptFromPeer(key, context, blob);
  } catch (error) {
    expect(error).toBeInstanceOf(FedraError);
    return error as FedraError;
  }
  throw new Error('decryption unexpectedly succeeded');
}

describe('share cipher', () => {
  it('round-trips, with the receiver deriving the secret from its own side', () => {
    const blob = encryptForPeer(secret, ctx, plaintext);
    expect(blob).toHaveLength(plaintext.length + SHARE_OVERHEAD_BYTES);
    const receiverSecret = x25519SharedSecret(v.secretKey, u.publicKey);
    expect(toHex(decryptFromPeer(receiverSecret, ctx, blob))).toBe(toHex(plaintext));
    expect(
      toHex(decryptFromPeer(secret, ctx, encryptForPeer(secret, ctx, new Uint8Array(0)))),
    ).toBe('');
  });

  it('uses a different key per direction', () => {
    const blob = encryptForPeer(secret, ctx, plaintext);
    const swapped = { ...ctx, sender: 'v', recipient: 'u' };
    expect(decryptError(blob, swapped).code).toBe('SECAGG_DECRYPT_FAILED');
    // The reverse direction works on its own.
    const back = encryptForPeer(secret, swapped, plaintext);
    expect(toHex(decryptFromPeer(secret, swapped, back))).toBe(toHex(plaintext));
    expect(decryptError(back, ctx).code).toBe('SECAGG_DECRYPT_FAILED');
  });

  it.each<[string, Partial<KdfContext>]>([
    ['protocolVersion', { protocolVersion: 2 }],
    ['experimentId', { experimentId: 'exp-2' }],
    ['roundNumber', { roundNumber: 8 }],
    ['attempt', { attempt: 3 }],
    ['stage', { stage: 'unmask' }],
    ['sender', { sender: 'w' }],
    ['recipient', { recipient: 'w' }],
  ])('fails when %s differs', (_field, change) => {
    const blob = encryptForPeer(secret, ctx, plaintext);
    expect(decryptError(blob, { ...ctx, ...change }).code).toBe('SECAGG_DECRYPT_FAILED');
  });

  it('fails on any tampered byte, a short blob or another shared secret', () => {
    const blob = encryptForPeer(secret, ctx, plaintext);
    for (const index of [0, 11, 12, 40, blob.length - 17, blob.length - 1]) {
      const tampered = Uint8Array.from(blob);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(decryptError(tampered, ctx).code).toBe('SECAGG_DECRYPT_FAILED');
    }
    expect(decryptError(blob.subarray(0, SHARE_OVERHEAD_BYTES - 1), ctx).code).toBe(
      'SECAGG_DECRYPT_FAILED',
    );
    expect(decryptError(blob.subarray(0, blob.length - 1), ctx).code).toBe('SECAGG_DECRYPT_FAILED');
    const other = x25519SharedSecret(u.secretKey, generateX25519KeyPair().publicKey);
    expect(decryptError(blob, ctx, other).code).toBe('SECAGG_DECRYPT_FAILED');
  });

  it('uses a fresh random nonce for every encryption', () => {
    const a = encryptForPeer(secret, ctx, plaintext);
    const b = encryptForPeer(secret, ctx, plaintext);
    expect(toHex(a.subarray(0, 12))).not.toBe(toHex(b.subarray(0, 12)));
    expect(toHex(a)).not.toBe(toHex(b));
  });
});
