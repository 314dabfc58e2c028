/**
 * Encryption of Shamir shares from one participant to another: AES-256-GCM
 * under a key derived per direction, so u->v and v->u never share a key or a
 * nonce space even though the X25519 secret is symmetric.
 *
 * Blob layout: nonce (12 random bytes) || ciphertext || tag (16 bytes).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { encodeContext, hkdfSha256 } from './kdf.js';
import type { KdfContext } from './kdf.js';

/** Length of the random AES-GCM nonce at the start of a blob. */
export const SHARE_NONCE_BYTES = 12;
/** Length of the AES-GCM tag at the end of a blob. */
export const SHARE_TAG_BYTES = 16;
/** Bytes a blob adds to its plaintext. */
export const SHARE_OVERHEAD_BYTES = SHARE_NONCE_BYTES + SHARE_TAG_BYTES;

function shareKey(sharedSecret: Uint8Array, ctx: KdfContext): Uint8Array {
  return hkdfSha256(sharedSecret, encodeContext('share-key', ctx), 32);
}

/**
 * Encrypts `plaintext` for `ctx.recipient`. The key is HKDF over the X25519
 * secret with the whole context (sender and recipient included, so the
 * direction is bound) and the same context is the associated data.
 *
 * @param ctx the sender's view: `sender` is us, `recipient` the peer.
 * @returns nonce || ciphertext || tag.
 */
export function encryptForPeer(
  sharedSecret: Uint8Array,
  ctx: KdfContext,
  plaintext: Uint8Array,
): Uint8Array {
  const key = shareKey(sharedSecret, ctx);
  const nonce = randomBytes(SHARE_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: SHARE_TAG_BYTES });
  cipher.setAAD(encodeContext('share-aad', ctx));
  const body = cipher.update(plaintext);
  const final = cipher.final();
  const tag = cipher.getAuthTag();
  key.fill(0);
  const out = new Uint8Array(SHARE_NONCE_BYTES + body.length + final.length + SHARE_TAG_BYTES);
  out.set(nonce, 0);
  out.set(body, SHARE_NONCE_BYTES);
  out.set(final, SHARE_NONCE_BYTES + body.length);
  out.set(tag, out.length - SHARE_TAG_BYTES);
  return out;
}

/**
 * Decrypts a blob made by {@link encryptForPeer}.
 *
 * @param ctx the receiver's view: `sender` is the peer, `recipient` is us;
 *   every field must equal what the sender used.
 * @throws FedraError `SECAGG_DECRYPT_FAILED` on a short blob or any
 *   authentication failure (wrong key, context, nonce, ciphertext or tag).
 */
export function decryptFromPeer(
  sharedSecret: Uint8Array,
  ctx: KdfContext,
  blob: Uint8Array,
): Uint8Array {
  if (!(blob instanceof Uint8Array) || blob.length < SHARE_OVERHEAD_BYTES) {
    throw new FedraError('SECAGG_DECRYPT_FAILED', 'encrypted share is too short', {
      metadata: { sender: ctx.sender, stage: ctx.stage },
    });
  }
  const key = shareKey(sharedSecret, ctx);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, SHARE_NONCE_BYTES), {
      authTagLength: SHARE_TAG_BYTES,
    });
    decipher.setAAD(encodeContext('share-aad', ctx));
    decipher.setAuthTag(blob.subarray(blob.length - SHARE_TAG_BYTES));
    const body = decipher.update(blob.subarray(SHARE_NONCE_BYTES, blob.length - SHARE_TAG_BYTES));
    const final = decipher.final();
    if (final.length === 0) return new Uint8Array(body.buffer, body.byteOffset, body.length);
    const out = new Uint8Array(body.length + final.length);
    out.set(body);
    out.set(final, body.length);
    return out;
  } catch (cause) {
    throw new FedraError('SECAGG_DECRYPT_FAILED', 'encrypted share failed authentication', {
      cause,
      metadata: { sender: ctx.sender, stage: ctx.stage },
    });
  } finally {
    key.fill(0);
  }
}
