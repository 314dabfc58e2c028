import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  applyMask,
  applyMasks,
  deriveMaskKey,
  KEYSTREAM_COLLECT_BYTES,
  MaskStream,
  setKeystreamCollector,
} from './mask-prg.js';
import { setSimdEnabled } from './vector-math.js';

afterEach(() => {
  setSimdEnabled(true);
  setKeystreamCollector(undefined);
});

// The keystream from AES-256-CTR over zeros with IV 0, read as little-endian
// uint32, computed without the code under test.
function reference(key: Uint8Array, count: number): Uint32Array {
  const bytes = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(
    Buffer.alloc(count * 4),
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Uint32Array.from({ length: count }, (_, i) => view.getUint32(4 * i, true));
}

const key = Uint8Array.from(randomBytes(32));
const REFERENCE_LENGTH = 70_000;
const ref = reference(key, REFERENCE_LENGTH);

describe('mask PRG', () => {
  it('starts with AES-256-CTR(IV 0) over zeros, read as little-endian uint32', () => {
    const stream = new MaskStream(key);
    expect(Array.from(stream.next(8))).toEqual(Array.from(ref.subarray(0, 8)));
    expect(Array.from(stream.next(3))).toEqual(Array.from(ref.subarray(8, 11)));
    const masked = new Uint32Array(5);
    applyMask(masked, key, 0, 1);
    expect(Array.from(masked)).toEqual(Array.from(ref.subarray(0, 5)));
  });

  it('generates any slice [e, e + len) directly from offset e', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.boolean(),
        (offset, length, simd) => {
          setSimdEnabled(simd);
          const expected = Array.from(ref.subarray(offset, offset + length));
          expect(Array.from(new MaskStream(key, offset).next(length))).toEqual(expected);
          const target = new Uint32Array(length);
          applyMask(target, key, offset, 1);
          expect(Array.from(target)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads far offsets consistently (counter beyond 32 bits)', () => {
    const offset = 4 * 2 ** 33 + 3;
    const whole = new MaskStream(key, offset - 3).next(12);
    expect(Array.from(new MaskStream(key, offset).next(9))).toEqual(Array.from(whole.subarray(3)));
  });

  it('restores the vector after applyMask(+1) then applyMask(-1)', () => {
    fc.assert(
      fc.property(
        fc.uint32Array({ maxLength: 3000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        (values, offset, simd) => {
          setSimdEnabled(simd);
          const target = Uint32Array.from(values);
          applyMask(target, key, offset, 1);
          if (values.length > 8) expect(Array.from(target)).not.toEqual(Array.from(values));
          applyMask(target, key, offset, -1);
          expect(Array.from(target)).toEqual(Array.from(values));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('applyMasks equals sequential applyMask, across piece boundaries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (length, offset, signs, simd) => {
          setSimdEnabled(simd);
          const masks = signs.map((sign) => ({ key: Uint8Array.from(randomBytes(32)), sign }));
          const start = Uint32Array.from({ length }, (_, i) => (i * 2654435761) >>> 0);
          const together = Uint32Array.from(start);
          applyMasks(together, masks, offset);
          const oneByOne = Uint32Array.from(start);
          for (const mask of masks) applyMask(oneByOne, mask.key, offset, mask.sign);
          expect(Buffer.from(together.buffer).equals(Buffer.from(oneByOne.buffer))).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('works on a subarray view without touching the rest', () => {
    const whole = new Uint32Array(100);
    applyMask(whole.subarray(10, 20), key, 10, 1);
    expect(Array.from(whole.subarray(10, 20))).toEqual(Array.from(ref.subarray(10, 20)));
    expect(whole.subarray(0, 10).every((x) => x === 0)).toBe(true);
    expect(whole.subarray(20).every((x) => x === 0)).toBe(true);
  });

  it('splits into ranges, also on shared memory (for worker threads)', () => {
    const masks = [
      { key, sign: 1 as const },
      { key: Uint8Array.from(randomBytes(32)), sign: -1 as const },
    ];
    const whole = new Uint32Array(50_001);
    applyMasks(whole, masks, 3);
    const shared = new Uint32Array(new SharedArrayBuffer(whole.byteLength));
    for (const [a, b] of [
      [0, 16_385],
      [16_385, 30_002],
      [30_002, 50_001],
    ] as const) {
      applyMasks(shared.subarray(a, b), masks, 3 + a);
    }
    expect(Buffer.from(shared.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it('derives distinct 32-byte keys per seed and info', () => {
    const seed = Uint8Array.from(randomBytes(32));
    const a = deriveMaskKey(seed, new TextEncoder().encode('self'));
    const b = deriveMaskKey(seed, new TextEncoder().encode('pair'));
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(
      Buffer.from(deriveMaskKey(seed, new TextEncoder().encode('self'))).equals(Buffer.from(a)),
    ).toBe(true);
    expect(() => {
      deriveMaskKey(new Uint8Array(16), new Uint8Array(0));
    }).toThrow(FedraError);
  });

  it('rejects bad keys, offsets and signs', () => {
    const target = new Uint32Array(4);
    expect(() => {
      applyMask(target, new Uint8Array(31), 0, 1);
    }).toThrow(FedraError);
    expect(() => {
      applyMask(target, key, -1, 1);
    }).toThrow(FedraError);
    expect(() => {
      applyMask(target, key, 0.5, 1);
    }).toThrow(FedraError);
    expect(() => {
      applyMask(target, key, 0, 2 as 1);
    }).toThrow(FedraError);
    expect(() => {
      new MaskStream(key, Number.MAX_SAFE_INTEGER + 1);
    }).toThrow(FedraError);
    expect(Array.from(target)).toEqual([0, 0, 0, 0]);
  });

  it('runs the keystream collector once per KEYSTREAM_COLLECT_BYTES, from masks and streams alike', () => {
    let runs = 0;
    setKeystreamCollector(() => {
      runs++;
    });
    const elements = KEYSTREAM_COLLECT_BYTES / 4;
    const target = new Uint32Array(elements);
    applyMasks(
      target,
      [
        { key, sign: 1 },
        { key: deriveMaskKey(key, Uint8Array.of(1)), sign: -1 },
      ],
      0,
    );
    expect(runs).toBe(2);
    new MaskStream(key).nextBytes(KEYSTREAM_COLLECT_BYTES - 4);
    expect(runs).toBe(2);
    new MaskStream(key).nextBytes(4);
    expect(runs).toBe(3);
    // The collector never changes the result.
    const again = new Uint32Array(elements);
    setKeystreamCollector(undefined);
    applyMasks(
      again,
      [
        { key, sign: 1 },
        { key: deriveMaskKey(key, Uint8Array.of(1)), sign: -1 },
      ],
      0,
    );
    expect(runs).toBe(3);
    expect(Buffer.from(again.buffer).equals(Buffer.from(target.buffer))).toBe(true);
  });
});
