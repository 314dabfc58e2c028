import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { DirectoryModelStore } from './directory-model-store.js';
import type { ModelStore, StagedUpload, StageKey } from './model-store.js';

let root = '';
const key: StageKey = { experimentId: 'mnist', roundNumber: 3, attempt: 2, workerId: 'eu-w1' };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fedra-staging-'));
});

/** Every upload a test opened, closed after it (an open one holds its file handle). */
const opened: StagedUpload[] = [];

afterEach(async () => {
  for (const upload of opened.splice(0)) await upload.close();
  await rm(root, { recursive: true, force: true });
});

async function stage(
  store: ModelStore,
  stageKey: StageKey,
  options?: Parameters<ModelStore['stageUpload']>[1],
): Promise<StagedUpload> {
  const upload = await store.stageUpload(stageKey, options);
  opened.push(upload);
  return upload;
}

function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 0xff);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function fedraError(promise: Promise<unknown>): Promise<FedraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FedraError) return error;
    throw error;
  }
  throw new Error('expected a FedraError');
}

/** Copies of the chunks (a staged upload's reader may reuse its buffer). */
async function readAll(iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of iterable) chunks.push(chunk.slice());
  return chunks;
}

describe('staged uploads', () => {
  it('appends in order, verifies the digest and reads back in exact chunks', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(1030);
    const upload = await stage(store, key);
    expect(upload.key).toEqual(key);
    expect(await upload.offset()).toBe(0);
    expect(await upload.append(0, data.subarray(0, 500))).toBe(500);
    expect(await upload.append(500, data.subarray(500))).toBe(1030);
    expect(await upload.offset()).toBe(1030);
    expect(await upload.finished()).toBeUndefined();
    const info = await upload.finish(sha256(data));
    expect(info).toEqual({ sha256: sha256(data), bytes: 1030 });
    expect(await upload.finish(sha256(data))).toEqual(info);
    expect(await upload.finished()).toEqual(info);
    const chunks = await readAll(upload.readChunks(256));
    expect(chunks.map((c) => c.length)).toEqual([256, 256, 256, 256, 6]);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
  });

  it('rejects gaps and overlaps with the offset to resume from', async () => {
    const store = await DirectoryModelStore.open(root);
    const upload = await stage(store, key);
    await upload.append(0, bytes(100));
    const gap = await fedraError(upload.append(150, bytes(10)));
    expect(gap.code).toBe('CHUNK_GAP');
    expect(gap.metadata).toMatchObject({
      expectedOffset: '100',
      receivedOffset: '150',
      workerId: 'eu-w1',
    });
    const overlap = await fedraError(upload.append(50, bytes(100)));
    expect(overlap.code).toBe('CHUNK_OVERLAP');
    expect(overlap.metadata['expectedOffset']).toBe('100');
    expect(await upload.offset()).toBe(100);
  });

  it('resumes from the durable offset after the store is reopened', async () => {
    const data = bytes(4096, 5);
    const first = await DirectoryModelStore.open(root);
    const before = await stage(first, key);
    await before.append(0, data.subarray(0, 1500));
    await before.append(1500, data.subarray(1500, 2500));

    const second = await DirectoryModelStore.open(root);
    const after = await stage(second, key);
    const offset = await after.offset();
    expect(offset).toBe(2500);
    await after.append(offset, data.subarray(offset));
    expect(await after.finish(sha256(data))).toEqual({ sha256: sha256(data), bytes: 4096 });
    expect(Buffer.concat(await readAll(after.readChunks(1000))).equals(Buffer.from(data))).toBe(
      true,
    );
  });

  it('keeps staged data on a digest mismatch, so a correct finish still succeeds', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(300);
    const upload = await stage(store, key);
    await upload.append(0, data);
    const error = await fedraError(upload.finish(sha256(bytes(300, 9))));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.metadata['actualSha256']).toBe(sha256(data));
    expect(await upload.offset()).toBe(300);
    expect(await upload.finished()).toBeUndefined();
    expect((await upload.finish(sha256(data))).bytes).toBe(300);
    expect((await fedraError(upload.finish(sha256(bytes(1))))).code).toBe('DIGEST_MISMATCH');
  });

  it('refuses reads before finish and appends after it', async () => {
    const store = await DirectoryModelStore.open(root);
    const upload = await stage(store, key);
    await upload.append(0, bytes(8));
    expect((await fedraError(readAll(upload.readChunks(4)))).code).toBe('STREAM_INCOMPLETE');
    await upload.finish(sha256(bytes(8)));
    expect((await fedraError(upload.append(8, bytes(1)))).code).toBe('CHUNK_OVERSIZE');
    expect(() => upload.readChunks(0)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('enforces maxBytes', async () => {
    const store = await DirectoryModelStore.open(root);
    const upload = await stage(store, key, { maxBytes: 10 });
    await upload.append(0, bytes(6));
    expect((await fedraError(upload.append(6, bytes(5)))).code).toBe('CHUNK_OVERSIZE');
    expect(await upload.append(6, bytes(4))).toBe(10);
  });

  it('detects a staged file changed after finish while folding', async () => {
    const store = await DirectoryModelStore.open(root);
    const upload = await stage(store, key);
    await upload.append(0, bytes(64));
    await upload.finish(sha256(bytes(64)));
    const changed = bytes(64);
    changed[10] = (changed[10] ?? 0) ^ 0xff;
    await writeFile(join(root, 'staging', 'mnist', '3', '2', 'eu-w1.part'), changed);
    expect((await fedraError(readAll(upload.readChunks(16)))).code).toBe('DIGEST_MISMATCH');
  });

  it('serialises racing appends of one stream: exactly one wins each offset', async () => {
    const store = await DirectoryModelStore.open(root);
    const a = await stage(store, key);
    const b = await stage(store, key);
    const results = await Promise.allSettled([a.append(0, bytes(50)), b.append(0, bytes(50))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason,
    ).toMatchObject({
      code: 'CHUNK_OVERLAP',
    });
    expect(await a.offset()).toBe(50);
  });

  it('verifies the bytes as they arrived, and the fold read verifies the file', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(4000, 7);
    const upload = await stage(store, key);
    await upload.append(0, data.subarray(0, 1000));
    await upload.append(1000, data.subarray(1000));
    // Changed behind the upload's back, same size: finish checks the hash of
    // what it received (no read-back); the fold's read catches the change.
    const changed = Buffer.from(data);
    changed[1234] = (changed[1234] ?? 0) ^ 0x01;
    await writeFile(join(root, 'staging', 'mnist', '3', '2', 'eu-w1.part'), changed);
    expect((await upload.finish(sha256(data))).bytes).toBe(4000);
    expect((await fedraError(readAll(upload.readChunks(1024)))).code).toBe('DIGEST_MISMATCH');
  });

  it('hashes the file when this object did not write all of it', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(3000, 11);
    const first = await stage(store, key);
    await first.append(0, data.subarray(0, 1000));
    await first.close();
    // The prefix rots on disk before the worker resumes on a new stream.
    const rotten = Buffer.from(data.subarray(0, 1000));
    rotten[3] = (rotten[3] ?? 0) ^ 0x80;
    await writeFile(join(root, 'staging', 'mnist', '3', '2', 'eu-w1.part'), rotten);
    const resumed = await stage(store, key);
    expect(await resumed.offset()).toBe(1000);
    await resumed.append(1000, data.subarray(1000));
    const error = await fedraError(resumed.finish(sha256(data)));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.metadata['actualSha256']).toBe(
      sha256(Buffer.concat([rotten, data.subarray(1000)])),
    );

    // Another writer grew the file under an open upload: its running hash no longer applies.
    await resumed.reset();
    const a = await stage(store, key);
    const b = await stage(store, key);
    await a.append(0, data.subarray(0, 1000));
    await b.append(1000, data.subarray(1000, 2000));
    await a.append(2000, data.subarray(2000, 3000));
    expect(await a.offset()).toBe(3000);
    expect((await a.finish(sha256(data))).bytes).toBe(3000);
    await a.close();
    await b.close();
  });

  it('continues after close and refuses appends once finished, from any object', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(96, 2);
    const upload = await stage(store, key);
    await upload.append(0, data.subarray(0, 32));
    await upload.close();
    await upload.close();
    expect(await upload.append(32, data.subarray(32))).toBe(96);
    await upload.finish(sha256(data));
    const other = await stage(store, key);
    expect((await fedraError(other.append(96, bytes(4)))).code).toBe('CHUNK_OVERSIZE');
    expect((await fedraError(upload.append(96, bytes(4)))).code).toBe('CHUNK_OVERSIZE');
    expect(Buffer.concat(await readAll(other.readChunks(40))).equals(Buffer.from(data))).toBe(true);
  });

  it('resets to an empty upload, and discards a whole attempt', async () => {
    const store = await DirectoryModelStore.open(root);
    const upload = await stage(store, key);
    await upload.append(0, bytes(20));
    await upload.finish(sha256(bytes(20)));
    await upload.reset();
    expect(await upload.offset()).toBe(0);
    expect(await upload.finished()).toBeUndefined();
    await upload.append(0, bytes(20, 3));
    const other = await stage(store, { ...key, workerId: 'us-w2' });
    await other.append(0, bytes(5));
    const nextAttempt = await stage(store, { ...key, attempt: 3 });
    await nextAttempt.append(0, bytes(7));

    await store.discardAttempt('mnist', 3, 2);
    await store.discardAttempt('mnist', 3, 2);
    expect(await readdir(join(root, 'staging', 'mnist', '3'))).toEqual(['3']);
    expect(await (await stage(store, key)).offset()).toBe(0);
    expect(await nextAttempt.offset()).toBe(7);
  });
});
