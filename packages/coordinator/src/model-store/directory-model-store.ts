/**
 * The model store on a directory (a shared volume when several coordinator
 * replicas run). Layout under the root:
 *
 * ```
 * blobs/sha256/<hex>                                   content-addressed, immutable
 * experiments/<experimentId>/versions/<n>.json         one file per committed version
 * staging/<experimentId>/<round>/<attempt>/<workerId>.part|.done
 * tmp/                                                 temp files, same file system
 * ```
 *
 * Nothing under a final name is ever partially written: blobs are written
 * to `tmp/`, fsynced and renamed into place; versions are fsynced in `tmp/`
 * and hard-linked to their final name, which fails if the version exists,
 * so a version is committed exactly once even across processes. A crash
 * leaves at worst stray files in `tmp/`, which nothing reads.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FedraError } from '@fedra/common';
import { DirectoryStagedUpload } from './directory-staged-upload.js';
import {
  createExclusive,
  digestMismatch,
  fsyncDirectory,
  isCode,
  readVerifiedChunks,
  tempPath,
  writeAll,
} from './fs-helpers.js';
import { KeyedLock } from './keyed-lock.js';
import type {
  BlobInfo,
  BlobReader,
  BlobSource,
  CommitResult,
  ModelStore,
  ModelVersion,
  NewModelVersion,
  PutBlobOptions,
  StagedUpload,
  StageKey,
  StageUploadOptions,
} from './model-store.js';
import {
  buildModelVersion,
  decodeModelVersion,
  encodeModelVersion,
  sameVersionContent,
} from './model-version.js';
import { checkId, checkInteger, checkSha256, invalidArgument } from './path-ids.js';

/** Where {@link DirectoryModelStore.open} puts the store by default, relative to the working directory. */
export const DEFAULT_MODEL_STORE_ROOT = '.fedra/models';

/** Chunk size of {@link DirectoryModelStore.getBlob}: 1 MiB, the wire's chunk size. */
export const BLOB_READ_CHUNK_BYTES = 1 << 20;

/**
 * Largest blob {@link DirectoryModelStore.getBlob} keeps in memory once it
 * has verified: the model of the open round, which every participant
 * downloads, is then read from disk and hashed once, not once per download.
 */
export const BLOB_CACHE_MAX_BYTES = 64 << 20;

const VERSION_FILE = /^(0|[1-9][0-9]{0,15})\.json$/;

/**
 * {@link ModelStore} on a local or shared directory.
 *
 * @example
 * ```ts
 * const store = await DirectoryModelStore.open('/var/lib/fedra/models');
 * const weights = await store.putBlob(weightBytes);
 * await store.commitVersion('mnist', 0, { ...initialMetadata, weightsSha256: weights.sha256 });
 * ```
 */
export class DirectoryModelStore implements ModelStore {
  /** The store's absolute root directory. */
  readonly root: string;
  readonly #blobDir: string;
  readonly #tmpDir: string;
  readonly #lock = new KeyedLock();
  /** The last blob read whole (at most one; its chunks verified together). */
  #verified: { readonly sha256: string; readonly chunks: Promise<Uint8Array[]> } | undefined;

  private constructor(root: string) {
    this.root = root;
    this.#blobDir = join(root, 'blobs', 'sha256');
    this.#tmpDir = join(root, 'tmp');
  }

  /**
   * Opens (creating if needed) a store rooted at `root`.
   *
   * @param root - the store directory; relative paths resolve against the
   *   working directory. @default DEFAULT_MODEL_STORE_ROOT
   */
  static async open(root: string = DEFAULT_MODEL_STORE_ROOT): Promise<DirectoryModelStore> {
    if (typeof root !== 'string' || root.length === 0 || root.includes('\0')) {
      throw invalidArgument('root', 'the model store root must be a non-empty path');
    }
    const store = new DirectoryModelStore(resolve(root));
    for (const dir of [
      store.#blobDir,
      store.#tmpDir,
      join(store.root, 'experiments'),
      join(store.root, 'staging'),
    ]) {
      await mkdir(dir, { recursive: true });
    }
    return store;
  }

  async putBlob(source: BlobSource, options: PutBlobOptions = {}): Promise<BlobInfo> {
    const declared =
      options.sha256 === undefined ? undefined : checkSha256('sha256', options.sha256);
    const maxBytes =
      options.maxBytes === undefined ? undefined : checkInteger('maxBytes', options.maxBytes, 0);
    const temp = tempPath(this.#tmpDir, 'blob');
    const file = await open(temp, 'wx', 0o644);
    let info: BlobInfo;
    try {
      const hash = createHash('sha256');
      let bytes = 0;
      const chunks: Iterable<unknown> | AsyncIterable<unknown> =
        source instanceof Uint8Array ? [source] : source;
      for await (const chunk of chunks) {
        if (!(chunk instanceof Uint8Array)) {
          throw invalidArgument('source', 'blob chunks must be Uint8Arrays');
        }
        if (maxBytes !== undefined && bytes + chunk.length > maxBytes) {
          throw new FedraError(
            'CHUNK_OVERSIZE',
            `the blob exceeds its limit of ${maxBytes} bytes`,
            {
              metadata: { maxBytes: String(maxBytes) },
            },
          );
        }
        hash.update(chunk);
        await writeAll(file, chunk, bytes);
        bytes += chunk.length;
      }
      await file.sync();
      info = { sha256: hash.digest('hex'), bytes };
      if (declared !== undefined && declared !== info.sha256) {
        throw digestMismatch(declared, info.sha256, bytes);
      }
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    const finalPath = this.#blobPath(info.sha256);
    if (await this.hasBlob(info.sha256)) {
      await rm(temp, { force: true });
      return info;
    }
    // Same content under the same name, so a racing writer's rename is harmless.
    await rename(temp, finalPath);
    await fsyncDirectory(this.#blobDir);
    return info;
  }

  async getBlob(sha256: string): Promise<BlobReader> {
    checkSha256('sha256', sha256);
    const path = this.#blobPath(sha256);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      if (isCode(error, 'ENOENT')) {
        throw new FedraError('BLOB_NOT_FOUND', `no blob ${sha256} in the model store`, {
          metadata: { field: 'sha256', sha256 },
        });
      }
      throw error;
    }
    const expected = { sha256, bytes: size };
    return {
      sha256,
      size,
      [Symbol.asyncIterator]: () =>
        size <= BLOB_CACHE_MAX_BYTES
          ? this.#readCached(path, expected)
          : readVerifiedChunks(path, BLOB_READ_CHUNK_BYTES, expected),
    };
  }

  /**
   * A blob's chunks from memory once they verified (readers share them and
   * must not change them); the first reader, and those arriving while it
   * reads, wait for one verified read of the file. A read that fails
   * verification is not kept.
   */
  async *#readCached(
    path: string,
    expected: { readonly sha256: string; readonly bytes: number },
  ): AsyncGenerator<Uint8Array, void, undefined> {
    let entry = this.#verified;
    if (entry?.sha256 !== expected.sha256) {
      const chunks = (async () => {
        const all: Uint8Array[] = [];
        for await (const chunk of readVerifiedChunks(path, BLOB_READ_CHUNK_BYTES, expected))
          all.push(chunk);
        return all;
      })();
      entry = { sha256: expected.sha256, chunks };
      const loaded = entry;
      this.#verified = loaded;
      chunks.catch(() => {
        if (this.#verified === loaded) this.#verified = undefined;
      });
    }
    yield* await entry.chunks;
  }

  async hasBlob(sha256: string): Promise<boolean> {
    checkSha256('sha256', sha256);
    try {
      return (await stat(this.#blobPath(sha256))).isFile();
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async commitVersion(
    experimentId: string,
    version: number,
    metadata: NewModelVersion,
  ): Promise<CommitResult> {
    const record = buildModelVersion(experimentId, version, metadata);
    await this.#checkReferences(record);
    const dir = this.#versionDir(experimentId);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${version}.json`);
    if (await createExclusive(this.#tmpDir, path, encodeModelVersion(record))) {
      return { version: record, created: true };
    }
    const existing = await this.getVersion(experimentId, version);
    if (sameVersionContent(existing, record)) return { version: existing, created: false };
    throw new FedraError(
      'ALREADY_EXISTS',
      `model version ${version} of experiment ${experimentId} is already committed with other content`,
      {
        metadata: {
          experimentId,
          version: String(version),
          committedWeightsSha256: existing.weightsSha256,
        },
      },
    );
  }

  async getVersion(experimentId: string, version: number): Promise<ModelVersion> {
    checkId('experimentId', experimentId);
    checkInteger('version', version, 0);
    let text: string;
    try {
      text = await readFile(join(this.#versionDir(experimentId), `${version}.json`), 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) {
        throw new FedraError(
          'MODEL_VERSION_NOT_FOUND',
          `experiment ${experimentId} has no model version ${version}`,
          { metadata: { experimentId, version: String(version) } },
        );
      }
      throw error;
    }
    return decodeModelVersion(text, experimentId, version);
  }

  async listVersions(experimentId: string): Promise<number[]> {
    checkId('experimentId', experimentId);
    let names: string[];
    try {
      names = await readdir(this.#versionDir(experimentId));
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    return names
      .filter((name) => VERSION_FILE.test(name))
      .map((name) => Number(name.slice(0, -'.json'.length)))
      .sort((a, b) => a - b);
  }

  async latestVersion(experimentId: string): Promise<ModelVersion | undefined> {
    const versions = await this.listVersions(experimentId);
    const latest = versions[versions.length - 1];
    return latest === undefined ? undefined : this.getVersion(experimentId, latest);
  }

  async stageUpload(key: StageKey, options: StageUploadOptions = {}): Promise<StagedUpload> {
    const checked: StageKey = {
      experimentId: checkId('experimentId', key.experimentId),
      roundNumber: checkInteger('roundNumber', key.roundNumber, 1),
      attempt: checkInteger('attempt', key.attempt, 1),
      workerId: checkId('workerId', key.workerId),
    };
    const maxBytes =
      options.maxBytes === undefined ? undefined : checkInteger('maxBytes', options.maxBytes, 0);
    const dir = this.#attemptDir(checked.experimentId, checked.roundNumber, checked.attempt);
    await mkdir(dir, { recursive: true });
    return DirectoryStagedUpload.open({
      key: checked,
      dir,
      tmpDir: this.#tmpDir,
      lock: this.#lock,
      maxBytes,
    });
  }

  async discardAttempt(experimentId: string, roundNumber: number, attempt: number): Promise<void> {
    checkId('experimentId', experimentId);
    checkInteger('roundNumber', roundNumber, 1);
    checkInteger('attempt', attempt, 1);
    await rm(this.#attemptDir(experimentId, roundNumber, attempt), {
      recursive: true,
      force: true,
    });
  }

  /** Refuses a version whose blobs are missing or whose parent does not match. */
  async #checkReferences(record: ModelVersion): Promise<void> {
    for (const field of ['weightsSha256', 'topologySha256', 'strategyStateSha256'] as const) {
      if (!(await this.hasBlob(record[field]))) {
        throw invalidArgument(field, `${field} names a blob that is not in the model store`);
      }
    }
    if (record.version === 0) return;
    const parent = await this.getVersion(record.experimentId, record.version - 1);
    if (parent.weightsSha256 !== record.parentSha256) {
      throw invalidArgument(
        'parentSha256',
        `parentSha256 must be the weights of version ${record.version - 1}`,
      );
    }
  }

  #blobPath(sha256: string): string {
    return join(this.#blobDir, sha256);
  }

  #versionDir(experimentId: string): string {
    return join(this.root, 'experiments', experimentId, 'versions');
  }

  #attemptDir(experimentId: string, roundNumber: number, attempt: number): string {
    return join(this.root, 'staging', experimentId, String(roundNumber), String(attempt));
  }
}
