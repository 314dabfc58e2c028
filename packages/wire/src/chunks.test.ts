import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { payloadChunks } from './chunks.js';

const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);
const sha256 = new Uint8Array(createHash('sha256').update(bytes).digest());

describe('payloadChunks', () => {
  it('covers the payload in offset order; only the last chunk carries the digest', () => {
    const chunks = [...payloadChunks(bytes, sha256, { chunkBytes: 4 })];
    expect(chunks.map((c) => c.offset)).toEqual([0, 4, 8]);
    expect(chunks.map((c) => Array.from(c.data as Uint8Array))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(chunks.every((c) => c.totalBytes === 10)).toBe(true);
    expect(chunks.map((c) => (c.sha256 as Uint8Array).length)).toEqual([0, 0, 32]);
    expect(chunks[2]?.sha256).toBe(sha256);
  });

  it('resumes from an offset, and yields nothing for an empty payload or a start at its end', () => {
    expect(
      [...payloadChunks(bytes, sha256, { chunkBytes: 4, fromOffset: 6 })].map((c) => c.offset),
    ).toEqual([6]);
    expect([...payloadChunks(bytes, sha256, { fromOffset: 10 })]).toEqual([]);
    expect([...payloadChunks(new Uint8Array(0), sha256)]).toEqual([]);
    expect([...payloadChunks(bytes, sha256)]).toHaveLength(1);
  });

  it('refuses a bad chunk size or start offset, naming the field', () => {
    for (const [options, field] of [
      [{ chunkBytes: 0 }, 'chunkBytes'],
      [{ chunkBytes: 1.5 }, 'chunkBytes'],
      [{ fromOffset: -4 }, 'fromOffset'],
      [{ fromOffset: 11 }, 'fromOffset'],
    ] as const) {
      let caught: unknown;
      try {
        Array.from(payloadChunks(bytes, sha256, options));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FedraError);
      expect((caught as FedraError).metadata).toMatchObject({ field });
    }
  });
});
