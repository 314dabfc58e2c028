import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { BLOB_READ_CHUNK_BYTES, DirectoryModelStore } from './directory-model-store.js';
import type { ModelStore, NewModelVersion } from './model-store.js';

let root = '';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fedra-model-store-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

async function readAll(iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(chunks));
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

/** Blobs for a version, and its metadata. */
async function versionInput(
  store: ModelStore,
  version: number,
  parentSha256: string | null,
  seed = version,
): Promise<NewModelVersion> {
  const weights = await store.putBlob(bytes(64, seed + 10));
  const topology = await store.putBlob(new TextEncoder().encode('{"class_name":"Sequential"}'));
  const state = await store.putBlob(bytes(16, seed + 20));
  return {
    roundNumber: version,
    attempt: version === 0 ? 0 : 1,
    weightsSha256: weights.sha256,
    topologySha256: topology.sha256,
    parentSha256,
    participantsPerRegion: version === 0 ? {} : { eu: 3, us: 2 },
    metrics: version === 0 ? null : { loss: 0.5, accuracy: 0.8, examples: 1000 },
    strategyName: 'fedadam',
    strategyStateSha256: state.sha256,
    createdAt: '2026-11-24T10:00:00.000Z',
  };
}

describe('DirectoryModelStore blobs', () => {
  it('round-trips content from a buffer, chunk arrays, generators and streams', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(2.5 * BLOB_READ_CHUNK_BYTES);
    async function* generate(): AsyncGenerator<Uint8Array> {
      await Promise.resolve();
      yield data.subarray(0, 1000);
      yield data.subarray(1000);
    }
    const sources = [
      data,
      [data.subarray(0, 7), data.subarray(7)],
      generate(),
      Readable.from([Buffer.from(data)]),
    ];
    for (const source of sources) {
      expect(await store.putBlob(source)).toEqual({ sha256: sha256(data), bytes: data.length });
    }
    const reader = await store.getBlob(sha256(data));
    expect(reader.size).toBe(data.length);
    const chunks = await readAll(reader);
    expect(chunks.map((c) => c.length)).toEqual([
      BLOB_READ_CHUNK_BYTES,
      BLOB_READ_CHUNK_BYTES,
      BLOB_READ_CHUNK_BYTES / 2,
    ]);
    expect(Buffer.from(concat(chunks)).equals(Buffer.from(data))).toBe(true);
    expect(await readdir(join(root, 'blobs', 'sha256'))).toEqual([sha256(data)]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('stores an empty blob', async () => {
    const store = await DirectoryModelStore.open(root);
    const info = await store.putBlob([]);
    expect(info).toEqual({ sha256: sha256(new Uint8Array()), bytes: 0 });
    expect(await readAll(await store.getBlob(info.sha256))).toEqual([]);
  });

  it('verifies a declared digest and stores nothing on a mismatch', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(100);
    expect(await store.putBlob(data, { sha256: sha256(data) })).toMatchObject({ bytes: 100 });
    const other = bytes(100, 7);
    const error = await fedraError(store.putBlob(other, { sha256: sha256(data) }));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.metadata['actualSha256']).toBe(sha256(other));
    expect(await store.hasBlob(sha256(other))).toBe(false);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('enforces maxBytes and rejects chunks that are not bytes', async () => {
    const store = await DirectoryModelStore.open(root);
    expect((await fedraError(store.putBlob(bytes(11), { maxBytes: 10 }))).code).toBe(
      'CHUNK_OVERSIZE',
    );
    const strings = ['abc'] as unknown as Iterable<Uint8Array>;
    expect((await fedraError(store.putBlob(strings))).code).toBe('INVALID_ARGUMENT');
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('reports missing blobs and detects a corrupted one while reading', async () => {
    const store = await DirectoryModelStore.open(root);
    const missing = 'ab'.repeat(32);
    expect(await store.hasBlob(missing)).toBe(false);
    const notFound = await fedraError(store.getBlob(missing));
    expect(notFound.code).toBe('BLOB_NOT_FOUND');
    expect(notFound.metadata['sha256']).toBe(missing);
    const info = await store.putBlob(bytes(5000));
    const damaged = bytes(5000);
    damaged[4321] = (damaged[4321] ?? 0) ^ 1;
    await writeFile(join(root, 'blobs', 'sha256', info.sha256), damaged);
    expect((await fedraError(readAll(await store.getBlob(info.sha256)))).code).toBe(
      'DIGEST_MISMATCH',
    );
  });

  it('keeps a verified blob in memory, and never one that failed verification', async () => {
    const store = await DirectoryModelStore.open(root);
    const data = bytes(BLOB_READ_CHUNK_BYTES + 100);
    const info = await store.putBlob(data);
    const path = join(root, 'blobs', 'sha256', info.sha256);
    const damaged = Uint8Array.from(data);
    damaged[7] = (damaged[7] ?? 0) ^ 1;
    await writeFile(path, damaged);
    // Damaged before any read: every read fails, none is remembered.
    for (let i = 0; i < 2; i++) {
      expect((await fedraError(readAll(await store.getBlob(info.sha256)))).code).toBe(
        'DIGEST_MISMATCH',
      );
    }
    await writeFile(path, data);
    // Concurrent readers share one verified read.
    const reads = await Promise.all(
      [1, 2, 3].map(async () => concat(await readAll(await store.getBlob(info.sha256)))),
    );
    for (const read of reads) expect(Buffer.from(read).equals(Buffer.from(data))).toBe(true);
    // Damaged after it verified: later readers get the verified bytes.
    await writeFile(path, damaged);
    const again = concat(await readAll(await store.getBlob(info.sha256)));
    expect(Buffer.from(again).equals(Buffer.from(data))).toBe(true);
  });
});

describe('DirectoryModelStore versions', () => {
  it('commits, reads, lists and finds the latest version', async () => {
    const store = await DirectoryModelStore.open(root);
    expect(await store.listVersions('mnist')).toEqual([]);
    expect(await store.latestVersion('mnist')).toBeUndefined();
    const v0 = await versionInput(store, 0, null);
    const first = await store.commitVersion('mnist', 0, v0);
    expect(first).toEqual({ version: { experimentId: 'mnist', version: 0, ...v0 }, created: true });
    const v1 = await versionInput(store, 1, v0.weightsSha256);
    await store.commitVersion('mnist', 1, v1);
    expect(await store.getVersion('mnist', 1)).toEqual({
      experimentId: 'mnist',
      version: 1,
      ...v1,
    });
    expect(await store.listVersions('mnist')).toEqual([0, 1]);
    expect((await store.latestVersion('mnist'))?.version).toBe(1);
    expect((await fedraError(store.getVersion('mnist', 2))).code).toBe('MODEL_VERSION_NOT_FOUND');
  });

  it('treats a repeat with the same content as success and different content as a conflict', async () => {
    const store = await DirectoryModelStore.open(root);
    const v0 = await versionInput(store, 0, null);
    await store.commitVersion('mnist', 0, v0);
    const retry = await store.commitVersion('mnist', 0, {
      ...v0,
      createdAt: '2026-11-24T11:00:00Z',
    });
    expect(retry.created).toBe(false);
    expect(retry.version.createdAt).toBe(v0.createdAt);
    const other = await versionInput(store, 0, null, 99);
    const conflict = await fedraError(store.commitVersion('mnist', 0, other));
    expect(conflict.code).toBe('ALREADY_EXISTS');
    expect((await store.getVersion('mnist', 0)).weightsSha256).toBe(v0.weightsSha256);
  });

  it('commits a version exactly once when two store instances race', async () => {
    const a = await DirectoryModelStore.open(root);
    const b = await DirectoryModelStore.open(root);
    const v0 = await versionInput(a, 0, null);
    await a.commitVersion('race', 0, v0);
    let parent = v0.weightsSha256;
    for (let version = 1; version <= 10; version += 1) {
      const same = await versionInput(a, version, parent);
      const identical = await Promise.all([
        a.commitVersion('race', version, same),
        b.commitVersion('race', version, { ...same, createdAt: '2026-11-24T12:00:00Z' }),
      ]);
      expect(identical.filter((r) => r.created)).toHaveLength(1);
      expect(identical[0].version).toEqual(identical[1].version);

      const experimentId = `conflict-${version}`;
      const base = await versionInput(a, 0, null);
      await a.commitVersion(experimentId, 0, base);
      const mine = await versionInput(a, 1, base.weightsSha256, 1000 + version);
      const theirs = await versionInput(b, 1, base.weightsSha256, 2000 + version);
      const settled = await Promise.allSettled([
        a.commitVersion(experimentId, 1, mine),
        b.commitVersion(experimentId, 1, theirs),
      ]);
      const winners = settled.filter((s) => s.status === 'fulfilled');
      const losers = settled.filter((s) => s.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ALREADY_EXISTS' });
      const stored = await a.getVersion(experimentId, 1);
      expect([mine.weightsSha256, theirs.weightsSha256]).toContain(stored.weightsSha256);
      parent = same.weightsSha256;
    }
    expect(await b.listVersions('race')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses versions with missing blobs, a wrong parent or no parent version', async () => {
    const store = await DirectoryModelStore.open(root);
    const v0 = await versionInput(store, 0, null);
    const missing = { ...v0, weightsSha256: 'cd'.repeat(32) };
    expect((await fedraError(store.commitVersion('mnist', 0, missing))).metadata['field']).toBe(
      'weightsSha256',
    );
    const v2 = await versionInput(store, 2, v0.weightsSha256);
    await store.commitVersion('mnist', 0, v0);
    expect((await fedraError(store.commitVersion('mnist', 2, v2))).code).toBe(
      'MODEL_VERSION_NOT_FOUND',
    );
    const v1 = await versionInput(store, 1, v0.topologySha256);
    expect((await fedraError(store.commitVersion('mnist', 1, v1))).metadata['field']).toBe(
      'parentSha256',
    );
  });

  it.each([
    ['roundNumber', { roundNumber: 2 }],
    ['attempt', { attempt: 0 }],
    ['parentSha256', { parentSha256: null }],
    ['createdAt', { createdAt: 'now' }],
    ['metrics.loss', { metrics: { loss: Number.NaN, accuracy: 1, examples: 1 } }],
    ['participantsPerRegion.eu', { participantsPerRegion: { eu: -1 } }],
    ['participantsPerRegion', { participantsPerRegion: { '../eu': 1 } }],
    ['strategyName', { strategyName: 'fed adam' }],
    ['topologySha256', { topologySha256: 'AB'.repeat(32) }],
  ])('validates %s', async (field, patch) => {
    const store = await DirectoryModelStore.open(root);
    const v0 = await versionInput(store, 0, null);
    await store.commitVersion('mnist', 0, v0);
    const v1 = { ...(await versionInput(store, 1, v0.weightsSha256)), ...patch };
    const error = await fedraError(store.commitVersion('mnist', 1, v1));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.metadata['field']).toBe(field);
    expect(await store.listVersions('mnist')).toEqual([0]);
  });

  it('ignores crash leftovers: partial temp files and stray names', async () => {
    const store = await DirectoryModelStore.open(root);
    const v0 = await versionInput(store, 0, null);
    await store.commitVersion('mnist', 0, v0);
    const versions = join(root, 'experiments', 'mnist', 'versions');
    await writeFile(join(root, 'tmp', 'create-dead.tmp'), '{"experimentId":"mnist","vers');
    await writeFile(join(root, 'tmp', 'blob-dead.tmp'), bytes(10));
    await writeFile(join(versions, '1.json.tmp'), '{"partial');
    await writeFile(join(versions, '01.json'), '{}');
    await writeFile(join(versions, '.2.json.swp'), '');
    const reopened = await DirectoryModelStore.open(root);
    expect(await reopened.listVersions('mnist')).toEqual([0]);
    expect((await reopened.latestVersion('mnist'))?.weightsSha256).toBe(v0.weightsSha256);
    const v1 = await versionInput(reopened, 1, v0.weightsSha256);
    expect((await reopened.commitVersion('mnist', 1, v1)).created).toBe(true);
  });

  it('reports a damaged version file as INTERNAL, not as a valid version', async () => {
    const store = await DirectoryModelStore.open(root);
    await store.commitVersion('mnist', 0, await versionInput(store, 0, null));
    await writeFile(join(root, 'experiments', 'mnist', 'versions', '0.json'), '{"version":0}');
    expect((await fedraError(store.getVersion('mnist', 0))).code).toBe('INTERNAL');
  });
});

describe('DirectoryModelStore path safety', () => {
  const badIds = [
    '',
    '..',
    '../x',
    'a/b',
    'a\\b',
    'a\0b',
    '.hidden',
    'a..b',
    '-x',
    'x'.repeat(129),
    'é',
  ];

  it.each(badIds)('rejects the id %j everywhere it becomes a path', async (id) => {
    const store = await DirectoryModelStore.open(root);
    const key = { experimentId: 'mnist', roundNumber: 1, attempt: 1, workerId: 'w1' };
    const v0 = await versionInput(store, 0, null);
    const calls: (() => Promise<unknown>)[] = [
      () => store.getVersion(id, 0),
      () => store.listVersions(id),
      () => store.latestVersion(id),
      () => store.discardAttempt(id, 1, 1),
      () => store.stageUpload({ ...key, experimentId: id }),
      () => store.stageUpload({ ...key, workerId: id }),
      () => store.commitVersion(id, 0, v0),
    ];
    for (const call of calls) {
      const error = await fedraError(call());
      expect(error.code).toBe('INVALID_ARGUMENT');
    }
    expect((await readdir(join(root, 'experiments'))).length).toBe(0);
    expect((await readdir(join(root, 'staging'))).length).toBe(0);
  });

  it('rejects bad digests, round numbers and attempts', async () => {
    const store = await DirectoryModelStore.open(root);
    const calls: (() => Promise<unknown>)[] = [
      () => store.getBlob('../../etc/passwd'),
      () => store.hasBlob('AB'.repeat(32)),
      () => store.getVersion('mnist', -1),
      () => store.getVersion('mnist', 1.5),
      () => store.stageUpload({ experimentId: 'm', roundNumber: 0, attempt: 1, workerId: 'w' }),
      () => store.stageUpload({ experimentId: 'm', roundNumber: 1, attempt: 0, workerId: 'w' }),
    ];
    for (const call of calls) {
      expect((await fedraError(call())).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('accepts ids with dots, dashes and underscores', async () => {
    const store = await DirectoryModelStore.open(root);
    await store.commitVersion('mnist_v1.2-a', 0, await versionInput(store, 0, null));
    expect(await readdir(join(root, 'experiments'))).toEqual(['mnist_v1.2-a']);
    const text = await readFile(
      join(root, 'experiments', 'mnist_v1.2-a', 'versions', '0.json'),
      'utf8',
    );
    expect(JSON.parse(text)).toMatchObject({ experimentId: 'mnist_v1.2-a', version: 0 });
  });
});
