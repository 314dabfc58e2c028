/**
 * The mask PRG: AES-256-CTR with IV 0 over zero bytes, the keystream read as
 * little-endian uint32 (element i is keystream bytes 4i..4i+3).
 *
 * Element offset e lies in AES block floor(e/4) at word e mod 4, so a stream
 * can start anywhere: the 128-bit big-endian counter starts at the block
 * index and the first (e mod 4) words are skipped. Chunked folding and
 * parallel workers generate exactly their slice.
 *
 * Speed: OpenSSL's AES-CTR runs at about 4.7 GB/s per core when fed 64 KiB
 * pieces and much slower in one huge call, so everything here works in
 * 64 KiB pieces and folds them with the SIMD kernel of `vector-math.ts`.
 *
 * Memory: every `cipher.update` returns a fresh 64 KiB buffer, and V8 only
 * collects young buffers once 32 MiB of them pile up per thread. When the
 * host exposes `gc` (`node --expose-gc`, also allowed in `NODE_OPTIONS`),
 * a minor GC runs after every {@link KEYSTREAM_COLLECT_BYTES} of keystream:
 * the garbage stays small and the allocator hands back cache-hot memory
 * (see {@link setKeystreamCollector}).
 *
 * @module
 */
import { createCipheriv } from 'node:crypto';
import type { Cipher } from 'node:crypto';
import { FedraError } from '@fedra/common';
import { hkdfSha256 } from './kdf.js';
import { createPieceFolder, HOST_LITTLE_ENDIAN, PIECE_ELEMENTS } from './vector-math.js';

/** Length of mask seeds and mask keys. */
export const MASK_KEY_BYTES = 32;

const PIECE_BYTES = PIECE_ELEMENTS * 4;
// Read-only zero input: AES-CTR over zeros is the keystream itself.
const ZERO = new Uint8Array(PIECE_BYTES);

/** Keystream bytes between two runs of the keystream collector. */
export const KEYSTREAM_COLLECT_BYTES = 8 * 1024 * 1024;

type GcFunction = (options?: { type?: 'minor' | 'major' }) => void;

function exposedMinorGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: GcFunction }).gc;
  return typeof gc === 'function'
    ? () => {
        gc({ type: 'minor' });
      }
    : undefined;
}

let collector: (() => void) | undefined = exposedMinorGc();
let keystreamSinceCollect = 0;

/**
 * Sets what runs after every {@link KEYSTREAM_COLLECT_BYTES} of keystream
 * this thread produced; `undefined` turns it off. The default is a minor
 * GC when the host exposes `gc`, nothing otherwise. Per thread.
 */
export function setKeystreamCollector(run: (() => void) | undefined): void {
  collector = run;
  keystreamSinceCollect = 0;
}

function produced(bytes: number): void {
  keystreamSinceCollect += bytes;
  if (keystreamSinceCollect >= KEYSTREAM_COLLECT_BYTES) {
    keystreamSinceCollect = 0;
    collector?.();
  }
}

function checkKey(bytes: Uint8Array, field: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== MASK_KEY_BYTES) {
    throw new FedraError('INVALID_ARGUMENT', `${field} must be ${MASK_KEY_BYTES} bytes`, {
      metadata: { field },
    });
  }
}

function checkOffset(elementOffset: number): void {
  if (!Number.isSafeInteger(elementOffset) || elementOffset < 0) {
    throw new FedraError('INVALID_ARGUMENT', 'elementOffset must be a non-negative safe integer', {
      metadata: { field: 'elementOffset' },
    });
  }
}

/**
 * The AES-256 key of a mask stream: HKDF-SHA256(seed, info) to 32 bytes. The
 * full 256-bit seed (a self-mask seed b, or an X25519 secret) keys the PRG;
 * nothing is folded into fewer bits.
 *
 * @param info binds what the mask is for, e.g. `encodeContext('mask-self', ctx)`.
 * @throws FedraError `INVALID_ARGUMENT` when the seed is not 32 bytes.
 */
export function deriveMaskKey(seed: Uint8Array, info: Uint8Array): Uint8Array {
  checkKey(seed, 'seed');
  return hkdfSha256(seed, info, MASK_KEY_BYTES);
}

function openCipher(key: Uint8Array, elementOffset: number): Cipher {
  const block = Math.floor(elementOffset / 4);
  const iv = new Uint8Array(16);
  const view = new DataView(iv.buffer);
  view.setUint32(8, Math.floor(block / 0x100000000));
  view.setUint32(12, block >>> 0);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const skip = (elementOffset % 4) * 4;
  // CTR keeps its position inside a block across update() calls.
  if (skip > 0) cipher.update(ZERO.subarray(0, skip));
  return cipher;
}

function asWords(bytes: Uint8Array): Uint32Array {
  if (HOST_LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  }
  const copy = Buffer.from(bytes);
  if (!HOST_LITTLE_ENDIAN) copy.swap32();
  return new Uint32Array(copy.buffer, copy.byteOffset, copy.length >>> 2);
}

/**
 * A sequential reader of one mask keystream, from any element offset.
 * Also the fast uniform source for stochastic rounding (with a random key).
 */
export class MaskStream {
  readonly #cipher: Cipher;

  /**
   * @param key a 32-byte AES key (from {@link deriveMaskKey}, or random).
   * @param elementOffset the first element to produce.
   */
  constructor(key: Uint8Array, elementOffset = 0) {
    checkKey(key, 'key');
    checkOffset(elementOffset);
    this.#cipher = openCipher(key, elementOffset);
  }

  /** The next `count` keystream bytes (count a multiple of 4 for whole words). */
  nextBytes(count: number): Uint8Array {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new FedraError('INVALID_ARGUMENT', 'count must be a non-negative integer', {
        metadata: { field: 'count' },
      });
    }
    produced(count);
    if (count <= PIECE_BYTES) return this.#cipher.update(ZERO.subarray(0, count));
    const out = new Uint8Array(count);
    for (let at = 0; at < count; at += PIECE_BYTES) {
      out.set(this.#cipher.update(ZERO.subarray(0, Math.min(PIECE_BYTES, count - at))), at);
    }
    return out;
  }

  /** The next `count` elements, as a new array the caller owns. */
  next(count: number): Uint32Array {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new FedraError('INVALID_ARGUMENT', 'count must be a non-negative integer', {
        metadata: { field: 'count' },
      });
    }
    return asWords(this.nextBytes(count * 4));
  }
}

/** One mask to apply: its AES key and whether to add (1) or subtract (-1) it. */
export interface MaskSpec {
  /** The 32-byte AES key from {@link deriveMaskKey}. */
  key: Uint8Array;
  /** 1 adds the keystream, -1 subtracts it (modulo 2^32). */
  sign: 1 | -1;
}

/**
 * `target[i] += sign * PRG(key)[elementOffset + i]` modulo 2^32.
 *
 * @throws FedraError `INVALID_ARGUMENT` on a key that is not 32 bytes, a bad
 *   offset or a sign other than 1 or -1.
 */
export function applyMask(
  target: Uint32Array,
  key: Uint8Array,
  elementOffset: number,
  sign: 1 | -1,
): void {
  applyMasks(target, [{ key, sign }], elementOffset);
}

/**
 * Applies every mask to `target`, which holds elements
 * [elementOffset, elementOffset + target.length) of the vector. For each
 * 64 KiB piece of `target` every mask's keystream is folded in before moving
 * on, so the piece stays in cache (and in wasm memory) across masks. The
 * participant (self mask + pairwise masks) and the aggregator (removing self
 * masks and dropped participants' pairwise masks) both use it.
 *
 * Ranges are independent, so the work splits across threads: with `target`
 * on a SharedArrayBuffer, thread i runs
 * `applyMasks(target.subarray(a_i, b_i), masks, elementOffset + a_i)`.
 *
 * @throws FedraError `INVALID_ARGUMENT` as {@link applyMask}.
 */
export function applyMasks(
  target: Uint32Array,
  masks: ReadonlyArray<MaskSpec>,
  elementOffset: number,
): void {
  if (!(target instanceof Uint32Array)) {
    throw new FedraError('INVALID_ARGUMENT', 'target must be a Uint32Array', {
      metadata: { field: 'target' },
    });
  }
  checkOffset(elementOffset);
  if (!Number.isSafeInteger(elementOffset + target.length)) {
    throw new FedraError('INVALID_ARGUMENT', 'elementOffset + length exceeds 2^53', {
      metadata: { field: 'elementOffset' },
    });
  }
  masks.forEach((mask, index) => {
    checkKey(mask.key, `masks[${index}].key`);
    const sign: number = mask.sign; // untyped callers may pass anything
    if (sign !== 1 && sign !== -1) {
      throw new FedraError('INVALID_ARGUMENT', `masks[${index}].sign must be 1 or -1`, {
        metadata: { field: `masks[${index}].sign` },
      });
    }
  });
  if (target.length === 0 || masks.length === 0) return;

  const ciphers = masks.map((mask) => openCipher(mask.key, elementOffset));
  const signs = masks.map((mask) => mask.sign);
  const folder = createPieceFolder();
  for (let at = 0; at < target.length; at += PIECE_ELEMENTS) {
    const piece = target.subarray(at, Math.min(at + PIECE_ELEMENTS, target.length));
    const input = piece.length === PIECE_ELEMENTS ? ZERO : ZERO.subarray(0, piece.length * 4);
    folder.begin(piece);
    for (let m = 0; m < ciphers.length; m++) {
      folder.fold((ciphers[m] as Cipher).update(input), signs[m] as 1 | -1);
      produced(input.length);
    }
    folder.end();
  }
}
