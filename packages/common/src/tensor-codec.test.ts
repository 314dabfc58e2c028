import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkStreamVerifier } from './chunk-stream-verifier.js';
import type { ChunkStreamVerifierOptions } from './chunk-stream-verifier.js';
import { FedraError } from './errors.js';
import type { FedraErrorCode } from './errors.js';
import { DEFAULT_CHUNK_BYTES } from './tensor-chunk.js';
import type { TensorChunk, TensorDtype, TensorTrailer } from './tensor-chunk.js';
import { encodeTensorChunks, TensorChunkAssembler, tensorDigest } from './tensor-codec.js';

/** Bit patterns a float32 round trip must keep exactly. */
const SPECIAL_BITS = [
  0x7fc00000, // quiet NaN
  0x7fc00001, // quiet NaN with payload
  0x7f800001, // signalling NaN
  0xffffffff, // negative NaN, all payload bits
  0x80000000, // -0
  0x00000001, // smallest subnormal
  0x807fffff, // largest negative subnormal
  0x7f800000, // +Infinity
  0xff800000, // -Infinity
];

/** Deterministic pseudo-random bits (xorshift32) so large tensors stay cheap to generate. */
function randomBits(length: number, seed: number): Uint32Array {
  const bits = new Uint32Array(length);
  let state = seed | 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bits[i] = state >>> 0;
  }
  for (let i = 0; i < SPECIAL_BITS.length && i < length; i++) {
    bits[(seed + i * 7919) % length] = SPECIAL_BITS[i] ?? 0;
  }
  return bits;
}

function tensorOf(dtype: TensorDtype, bits: Uint32Array): Float32Array | Uint32Array {
  return dtype === 'float32' ? new Float32Array(bits.buffer) : bits;
}

function bytesOf(tensor: Float32Array | Uint32Array): Buffer {
  return Buffer.from(tensor.buffer, tensor.byteOffset, tensor.byteLength);
}

/** The two receivers share every check; tests run against both. */
interface Receiver {
  push(chunk: TensorChunk): void;
  finish(trailer: TensorTrailer | undefined): unknown;
  readonly receivedBytes: number;
}

type ReceiverOptions = Omit<ChunkStreamVerifierOptions, 'maxBytes'> & { maxBytes?: number };

const receivers: Array<[string, (options: ReceiverOptions) => Receiver]> = [
  [
    'TensorChunkAssembler',
    (options) => new TensorChunkAssembler({ dtype: 'uint32', maxBytes: 1 << 20, ...options }),
  ],
  ['ChunkStreamVerifier', (options) => new ChunkStreamVerifier({ maxBytes: 1 << 20, ...options })],
];

function codeOf(action: () => unknown): FedraErrorCode | 'none' {
  try {
    action();
    return 'none';
  } catch (error) {
    if (error instanceof FedraError) return error.code;
    throw error;
  }
}

function errorOf(action: () => unknown): FedraError {
  try {
    action();
  } catch (error) {
    if (error instanceof FedraError) return error;
    throw error;
  }
  throw new Error('expected a FedraError');
}

const chunkBytesArbitrary = fc.oneof(
  fc.constant(DEFAULT_CHUNK_BYTES),
  fc.integer({ min: 16, max: 1 << 19 }).map((words) => words * 4),
);
const tinyChunkBytesArbitrary = fc.oneof(
  fc.constantFrom(4, 12),
  fc.integer({ min: 1, max: 16 }).map((words) => words * 4),
);

function roundTrip(
  dtype: TensorDtype,
  length: number,
  seed: number,
  chunkBytes: number,
  knownSize: boolean,
): void {
  const tensor = tensorOf(dtype, randomBits(length, seed));
  const assembler = new TensorChunkAssembler({
    dtype,
    maxBytes: 2 * tensor.byteLength + 4,
    maxChunkBytes: chunkBytes,
    ...(knownSize ? { expectedBytes: tensor.byteLength } : {}),
  });
  for (const chunk of encodeTensorChunks(tensor, { chunkBytes })) {
    expect(chunk.data.byteLength % 4).toBe(0);
    expect(chunk.data.byteLength).toBeLessThanOrEqual(chunkBytes);
    assembler.push(chunk);
  }
  const result = assembler.finish(tensorDigest(tensor));
  expect(result).toBeInstanceOf(dtype === 'float32' ? Float32Array : Uint32Array);
  expect(result.length).toBe(tensor.length);
  // Compare bits, not numbers: NaN payloads and -0 must survive.
  expect(bytesOf(result).equals(bytesOf(tensor))).toBe(true);
}

describe('tensor codec round trip', () => {
  it('is bit-exact for random lengths up to ~300k elements and chunk sizes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TensorDtype>('float32', 'uint32'),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer(),
        chunkBytesArbitrary,
        fc.boolean(),
        roundTrip,
      ),
      { numRuns: 40 },
    );
  });

  it('is bit-exact with tiny chunks (4, 12, ... 64 bytes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TensorDtype>('float32', 'uint32'),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer(),
        tinyChunkBytesArbitrary,
        fc.boolean(),
        roundTrip,
      ),
      { numRuns: 60 },
    );
  });

  it('keeps NaN payloads, -0 and subnormals exactly', () => {
    const bits = Uint32Array.from(SPECIAL_BITS);
    const tensor = new Float32Array(bits.buffer);
    const assembler = new TensorChunkAssembler({ dtype: 'float32', maxBytes: 1024 });
    for (const chunk of encodeTensorChunks(tensor, { chunkBytes: 8 })) assembler.push(chunk);
    const result = assembler.finish(tensorDigest(tensor));
    expect(Array.from(new Uint32Array(result.buffer, result.byteOffset, result.length))).toEqual(
      SPECIAL_BITS,
    );
    expect(Object.is(result[4], -0)).toBe(true);
  });

  it('handles an empty tensor: no chunks, the digest of no bytes', () => {
    const empty = new Float32Array(0);
    expect([...encodeTensorChunks(empty)]).toEqual([]);
    const trailer = tensorDigest(empty);
    expect(trailer.totalBytes).toBe(0);
    expect(Buffer.from(trailer.sha256).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const assembler = new TensorChunkAssembler({ dtype: 'float32', maxBytes: 0, expectedBytes: 0 });
    expect(assembler.finish(trailer)).toEqual(new Float32Array(0));
  });
});

describe('encodeTensorChunks', () => {
  it('writes little-endian bytes as views of the tensor, in offset order', () => {
    const tensor = Uint32Array.from([0x01020304, 0x0a0b0c0d, 0xdeadbeef]);
    const chunks = [...encodeTensorChunks(tensor, { chunkBytes: 8 })];
    expect(chunks.map((chunk) => chunk.offset)).toEqual([0, 8]);
    expect(Array.from(chunks[0]?.data ?? [])).toEqual([4, 3, 2, 1, 0x0d, 0x0c, 0x0b, 0x0a]);
    expect(Array.from(chunks[1]?.data ?? [])).toEqual([0xef, 0xbe, 0xad, 0xde]);
    expect(chunks[0]?.data.buffer).toBe(tensor.buffer);
  });

  it('respects a typed array that starts inside a larger buffer', () => {
    const backing = Uint32Array.from([1, 2, 3, 4, 5]);
    const tensor = backing.subarray(2, 4);
    const chunks = [...encodeTensorChunks(tensor, { chunkBytes: 4 })];
    expect(chunks.map((chunk) => Buffer.from(chunk.data).readUInt32LE(0))).toEqual([3, 4]);
    const digest = createHash('sha256')
      .update(Buffer.from([3, 0, 0, 0, 4, 0, 0, 0]))
      .digest();
    expect(Buffer.from(tensorDigest(tensor).sha256).equals(digest)).toBe(true);
  });

  it('uses 1 MiB chunks by default', () => {
    const tensor = new Float32Array(DEFAULT_CHUNK_BYTES / 4 + 3);
    const sizes = [...encodeTensorChunks(tensor)].map((chunk) => chunk.data.byteLength);
    expect(sizes).toEqual([DEFAULT_CHUNK_BYTES, 12]);
  });

  it('rejects chunk sizes that are not positive multiples of 4, before iterating', () => {
    for (const chunkBytes of [0, -4, 6, 4.5, Number.NaN]) {
      const error = errorOf(() => encodeTensorChunks(new Float32Array(4), { chunkBytes }));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.metadata).toEqual({ field: 'chunkBytes' });
    }
  });
});

describe.each(receivers)('%s rejects a malformed stream', (_name, create) => {
  const word = (value: number): Uint8Array => Buffer.from(Uint32Array.from([value]).buffer);
  const words = (count: number): Uint8Array => new Uint8Array(4 * count).fill(7);
  const trailerFor = (bytes: Uint8Array): TensorTrailer => ({
    totalBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest(),
  });

  it('a gap: CHUNK_GAP', () => {
    const receiver = create({});
    receiver.push({ offset: 0, data: word(1) });
    const error = errorOf(() => {
      receiver.push({ offset: 8, data: word(2) });
    });
    expect(error.code).toBe('CHUNK_GAP');
    expect(error.metadata).toEqual({ offset: '8', length: '4', expectedOffset: '4' });
  });

  it('an overlap: CHUNK_OVERLAP', () => {
    const receiver = create({});
    receiver.push({ offset: 0, data: words(2) });
    expect(
      codeOf(() => {
        receiver.push({ offset: 4, data: words(2) });
      }),
    ).toBe('CHUNK_OVERLAP');
  });

  it('a duplicate chunk: CHUNK_OVERLAP', () => {
    const receiver = create({});
    const chunk = { offset: 0, data: words(2) };
    receiver.push(chunk);
    expect(
      codeOf(() => {
        receiver.push(chunk);
      }),
    ).toBe('CHUNK_OVERLAP');
  });

  it('a chunk above maxChunkBytes: CHUNK_OVERSIZE', () => {
    const receiver = create({ maxChunkBytes: 8 });
    const error = errorOf(() => {
      receiver.push({ offset: 0, data: words(3) });
    });
    expect(error.code).toBe('CHUNK_OVERSIZE');
    expect(error.metadata).toMatchObject({ length: '12', maxChunkBytes: '8' });
  });

  it('a stream beyond maxBytes: CHUNK_OVERSIZE', () => {
    const receiver = create({ maxBytes: 12 });
    receiver.push({ offset: 0, data: words(2) });
    expect(
      codeOf(() => {
        receiver.push({ offset: 8, data: words(2) });
      }),
    ).toBe('CHUNK_OVERSIZE');
  });

  it('a stream beyond expectedBytes: CHUNK_OVERSIZE', () => {
    const receiver = create({ expectedBytes: 8 });
    receiver.push({ offset: 0, data: words(1) });
    expect(
      codeOf(() => {
        receiver.push({ offset: 4, data: words(2) });
      }),
    ).toBe('CHUNK_OVERSIZE');
  });

  it('expectedBytes above maxBytes: CHUNK_OVERSIZE', () => {
    expect(codeOf(() => create({ expectedBytes: 16, maxBytes: 8 }))).toBe('CHUNK_OVERSIZE');
  });

  it('a misaligned offset or length: CHUNK_MISALIGNED', () => {
    const receiver = create({});
    expect(
      codeOf(() => {
        receiver.push({ offset: 2, data: words(1) });
      }),
    ).toBe('CHUNK_MISALIGNED');
    expect(
      codeOf(() => {
        receiver.push({ offset: 0, data: new Uint8Array(6) });
      }),
    ).toBe('CHUNK_MISALIGNED');
  });

  it('a bad digest: DIGEST_MISMATCH, with both digests and no data', () => {
    const receiver = create({});
    const data = words(4);
    receiver.push({ offset: 0, data });
    const trailer = trailerFor(data);
    const wrong = Uint8Array.from(trailer.sha256);
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    const error = errorOf(() => receiver.finish({ totalBytes: 16, sha256: wrong }));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.metadata).toEqual({
      receivedBytes: '16',
      totalBytes: '16',
      declaredSha256: Buffer.from(wrong).toString('hex'),
      actualSha256: Buffer.from(trailer.sha256).toString('hex'),
    });
  });

  it('a total other than what arrived or was expected: TOTAL_MISMATCH', () => {
    const data = words(4);
    const receiver = create({});
    receiver.push({ offset: 0, data });
    expect(codeOf(() => receiver.finish({ ...trailerFor(data), totalBytes: 12 }))).toBe(
      'TOTAL_MISMATCH',
    );
    const expecting = create({ expectedBytes: 16 });
    expecting.push({ offset: 0, data });
    expect(codeOf(() => expecting.finish({ ...trailerFor(data), totalBytes: 20 }))).toBe(
      'TOTAL_MISMATCH',
    );
  });

  it('finishing before the data is complete: STREAM_INCOMPLETE, and resumable', () => {
    const data = words(4);
    const receiver = create({ expectedBytes: 16 });
    receiver.push({ offset: 0, data: data.subarray(0, 8) });
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('STREAM_INCOMPLETE');
    expect(codeOf(() => receiver.finish(undefined))).toBe('STREAM_INCOMPLETE');
    expect(receiver.receivedBytes).toBe(8);
    receiver.push({ offset: 8, data: data.subarray(8) });
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('none');
  });

  it('a declared total beyond what arrived (size unknown): STREAM_INCOMPLETE', () => {
    const data = words(4);
    const receiver = create({});
    receiver.push({ offset: 0, data: data.subarray(0, 8) });
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('STREAM_INCOMPLETE');
  });

  it('a push or finish after the end: INVALID_ARGUMENT', () => {
    const data = words(2);
    const receiver = create({});
    receiver.push({ offset: 0, data });
    receiver.finish(trailerFor(data));
    expect(
      codeOf(() => {
        receiver.push({ offset: 8, data: words(1) });
      }),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('INVALID_ARGUMENT');

    const failed = create({});
    failed.push({ offset: 0, data });
    expect(codeOf(() => failed.finish({ totalBytes: 8, sha256: new Uint8Array(32) }))).toBe(
      'DIGEST_MISMATCH',
    );
    expect(
      codeOf(() => {
        failed.push({ offset: 8, data: words(1) });
      }),
    ).toBe('INVALID_ARGUMENT');
  });

  it('malformed chunks and trailers: INVALID_ARGUMENT', () => {
    const receiver = create({});
    expect(
      codeOf(() => {
        receiver.push({ offset: -4, data: words(1) });
      }),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => {
        receiver.push({ offset: 0.5, data: words(1) });
      }),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => receiver.finish({ totalBytes: 0, sha256: new Uint8Array(31) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => receiver.finish({ totalBytes: -1, sha256: new Uint8Array(32) }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('leaves everything unchanged after a rejected chunk', () => {
    const data = words(3);
    const receiver = create({});
    receiver.push({ offset: 0, data: data.subarray(0, 4) });
    expect(
      codeOf(() => {
        receiver.push({ offset: 8, data: data.subarray(8) });
      }),
    ).toBe('CHUNK_GAP');
    expect(receiver.receivedBytes).toBe(4);
    receiver.push({ offset: 4, data: data.subarray(4) });
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('none');
  });

  it('resumes from startOffset with the earlier bytes as prefix', () => {
    const data = Buffer.from(randomBits(6, 99).buffer);
    const receiver = create({ startOffset: 8, prefix: [data.subarray(0, 4), data.subarray(4, 8)] });
    expect(receiver.receivedBytes).toBe(8);
    expect(
      codeOf(() => {
        receiver.push({ offset: 0, data: data.subarray(0, 8) });
      }),
    ).toBe('CHUNK_OVERLAP');
    receiver.push({ offset: 8, data: data.subarray(8) });
    expect(codeOf(() => receiver.finish(trailerFor(data)))).toBe('none');
    expect(codeOf(() => create({ startOffset: 8, prefix: data.subarray(0, 4) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => create({ startOffset: 6, prefix: data.subarray(0, 6) }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('rejects one corrupted byte anywhere with DIGEST_MISMATCH', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer(),
        tinyChunkBytesArbitrary,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (length, seed, chunkBytes, position, flip) => {
          const tensor = randomBits(length, seed);
          const trailer = tensorDigest(tensor);
          const target = position % tensor.byteLength;
          const receiver = create({ maxChunkBytes: chunkBytes, expectedBytes: tensor.byteLength });
          for (const chunk of encodeTensorChunks(tensor, { chunkBytes: chunkBytes * 8 })) {
            const end = chunk.offset + chunk.data.byteLength;
            if (target < chunk.offset || target >= end) {
              // Re-chunk at the receiver's limit so both sizes get exercised.
              for (let at = 0; at < chunk.data.byteLength; at += chunkBytes) {
                receiver.push({
                  offset: chunk.offset + at,
                  data: chunk.data.subarray(at, at + chunkBytes),
                });
              }
              continue;
            }
            // Corrupt a copy: the chunk is a view of the tensor.
            const corrupted = Uint8Array.from(chunk.data);
            corrupted[target - chunk.offset] = (corrupted[target - chunk.offset] ?? 0) ^ flip;
            for (let at = 0; at < corrupted.byteLength; at += chunkBytes) {
              receiver.push({
                offset: chunk.offset + at,
                data: corrupted.subarray(at, at + chunkBytes),
              });
            }
          }
          expect(codeOf(() => receiver.finish(trailer))).toBe('DIGEST_MISMATCH');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects every shuffled chunk order except the original one', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10 })
          .chain((count) =>
            fc.tuple(
              fc.constant(count),
              fc.array(fc.nat({ max: 4 }), { minLength: count, maxLength: count }),
            ),
          ),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        ([count, keys], chunkWords, seed) => {
          const tensor = randomBits(count * chunkWords, seed);
          const chunks = [...encodeTensorChunks(tensor, { chunkBytes: 4 * chunkWords })];
          const order = chunks
            .map((chunk, index) => ({ chunk, index, key: keys[index] ?? 0 }))
            .sort((a, b) => a.key - b.key || a.index - b.index);
          const unchanged = order.every((entry, position) => entry.index === position);
          const receiver = create({});
          const outcome = codeOf(() => {
            for (const { chunk } of order) receiver.push(chunk);
            receiver.finish(tensorDigest(tensor));
          });
          // The first chunk out of place always lies ahead of the next expected byte.
          expect(outcome).toBe(unchanged ? 'none' : 'CHUNK_GAP');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never puts data into error metadata', () => {
    const allowed = new Set([
      'offset',
      'length',
      'expectedOffset',
      'maxChunkBytes',
      'limitBytes',
      'receivedBytes',
      'totalBytes',
      'expectedBytes',
      'declaredSha256',
      'actualSha256',
    ]);
    const data = words(4);
    const attempts: Array<() => unknown> = [
      () => {
        create({}).push({ offset: 4, data });
      },
      () => {
        create({ maxChunkBytes: 4 }).push({ offset: 0, data });
      },
      () => {
        create({}).push({ offset: 2, data });
      },
      () => {
        create({ expectedBytes: 8 }).push({ offset: 0, data });
      },
      () => create({}).finish({ totalBytes: 4, sha256: new Uint8Array(32) }),
      () => create({}).finish({ totalBytes: 0, sha256: new Uint8Array(32) }),
    ];
    for (const attempt of attempts) {
      const error = errorOf(attempt);
      for (const key of Object.keys(error.metadata)) expect(allowed).toContain(key);
    }
  });
});

describe('TensorChunkAssembler', () => {
  it('rebuilds uint32 and float32 tensors with their own array types', () => {
    const bits = randomBits(1000, 5);
    const float = new TensorChunkAssembler({ dtype: 'float32', maxBytes: 4000 });
    const unsigned = new TensorChunkAssembler({ dtype: 'uint32', maxBytes: 4000 });
    for (const chunk of encodeTensorChunks(bits, { chunkBytes: 256 })) {
      float.push(chunk);
      unsigned.push(chunk);
    }
    const trailer = tensorDigest(bits);
    const floatResult: Float32Array = float.finish(trailer);
    const unsignedResult: Uint32Array = unsigned.finish(trailer);
    expect(floatResult).toBeInstanceOf(Float32Array);
    expect(unsignedResult).toEqual(bits);
    expect(float.state).toBe('verified');
  });

  it('copies each chunk, so senders may reuse their buffers', () => {
    const assembler = new TensorChunkAssembler({ dtype: 'uint32', maxBytes: 64 });
    const reused = new Uint8Array(8);
    const expected = Uint32Array.from([1, 2, 3, 4]);
    const expectedBytes = Buffer.from(expected.buffer);
    for (let offset = 0; offset < 16; offset += 8) {
      reused.set(expectedBytes.subarray(offset, offset + 8));
      assembler.push({ offset, data: reused });
    }
    expect(assembler.finish(tensorDigest(expected))).toEqual(expected);
  });

  it('rejects an unknown dtype', () => {
    expect(
      codeOf(() => new TensorChunkAssembler({ dtype: 'int8' as TensorDtype, maxBytes: 4 })),
    ).toBe('INVALID_ARGUMENT');
  });
});
