/**
 * A staged upload in a directory: `<workerId>.part` holds the bytes
 * received so far, `<workerId>.done` (written atomically by `finish`) the
 * verified digest and size.
 *
 * One object serves one upload stream. Its first append checks that the
 * upload is not finished and opens the file; later appends go to that
 * handle (each checks the size on disk), and it hashes the bytes as they
 * arrive, so `finish` of an upload this object wrote from byte 0 reads
 * nothing back from disk. A resumed upload (a new object at a non-zero
 * offset) is hashed from the file instead. `close` releases the handle.
 *
 * Appends are not fsynced one by one: `finish` fdatasyncs the file before it
 * writes the finish record. After a machine crash a resuming worker asks for
 * the offset and continues from the size that survived; bytes torn by the
 * crash fail the digest at `finish`, and the worker resends from 0 (a
 * process crash loses nothing: the page cache keeps what was written).
 * Appends are positional, not O_APPEND: if two coordinator replicas race on
 * one worker's stream, both write the same bytes at the same place instead
 * of appending twice, and anything else is caught by the digest checks in
 * `finish` and in `readChunks` (the fold).
 *
 * @module
 */
import { constants } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { FedraError } from '@fedra/common';
import {
  digestMismatch,
  fsyncDirectory,
  hashFile,
  isCode,
  readVerifiedChunks,
  replaceAtomically,
  writeAll,
} from './fs-helpers.js';
import type { KeyedLock } from './keyed-lock.js';
import type { BlobInfo, StagedUpload, StageKey } from './model-store.js';
import { checkInteger, checkSha256, invalidArgument } from './path-ids.js';

/** Everything a {@link DirectoryStagedUpload} needs from its store. */
export interface DirectoryStagedUploadInit {
  /** The (validated) key. */
  readonly key: StageKey;
  /** The attempt's staging directory. */
  readonly dir: string;
  /** The store's temp directory (same file system). */
  readonly tmpDir: string;
  /** The store's per-upload lock. */
  readonly lock: KeyedLock;
  /** Size limit, if any. */
  readonly maxBytes: number | undefined;
}

/** The directory implementation of {@link StagedUpload}; made by `DirectoryModelStore.stageUpload`. */
export class DirectoryStagedUpload implements StagedUpload {
  readonly key: StageKey;
  readonly #partPath: string;
  readonly #donePath: string;
  readonly #tmpDir: string;
  readonly #lock: KeyedLock;
  readonly #maxBytes: number | undefined;
  /** Open for appends after the first one checked the file; see {@link close}. */
  #file: FileHandle | undefined;
  /** The size after this object's last append (-1: none yet on `#file`). */
  #size = -1;
  /** sha256 of bytes 0..`#size`, when this object appended all of them. */
  #hash: Hash | undefined;

  private constructor(init: DirectoryStagedUploadInit) {
    this.key = Object.freeze({ ...init.key });
    this.#partPath = join(init.dir, `${init.key.workerId}.part`);
    this.#donePath = join(init.dir, `${init.key.workerId}.done`);
    this.#tmpDir = init.tmpDir;
    this.#lock = init.lock;
    this.#maxBytes = init.maxBytes;
  }

  /** Opens the upload, creating its (empty) file durably if it is new. */
  static async open(init: DirectoryStagedUploadInit): Promise<DirectoryStagedUpload> {
    const upload = new DirectoryStagedUpload(init);
    let file: FileHandle;
    try {
      file = await open(
        upload.#partPath,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        0o644,
      );
    } catch (error) {
      if (isCode(error, 'EEXIST')) return upload; // created (and its directory synced) before
      throw error;
    }
    await file.close();
    await fsyncDirectory(init.dir);
    return upload;
  }

  async offset(): Promise<number> {
    return this.#sizeOnDisk();
  }

  async append(offset: number, data: Uint8Array): Promise<number> {
    checkInteger('offset', offset, 0);
    if (!(data instanceof Uint8Array)) throw invalidArgument('data', 'data must be a Uint8Array');
    return this.#lock.run(this.#partPath, async () => {
      const file = await this.#openForAppend(offset);
      // The size on disk, not this object's count: another stream may have written.
      const size = (await file.stat()).size;
      if (size !== this.#size) {
        // Hashing as the bytes arrive covers the file only from an empty one.
        this.#hash = size === 0 ? createHash('sha256') : undefined;
        this.#size = size;
      }
      if (offset > size) {
        throw this.#chunkError(
          'CHUNK_GAP',
          `chunk at ${offset} leaves a gap after ${size}`,
          size,
          offset,
        );
      }
      if (offset < size) {
        throw this.#chunkError(
          'CHUNK_OVERLAP',
          `chunk at ${offset} overlaps the ${size} bytes already staged`,
          size,
          offset,
        );
      }
      if (this.#maxBytes !== undefined && size + data.length > this.#maxBytes) {
        throw this.#chunkError(
          'CHUNK_OVERSIZE',
          `the upload would exceed its limit of ${this.#maxBytes} bytes`,
          size,
          offset,
        );
      }
      if (data.length === 0) return size;
      try {
        await writeAll(file, data, offset);
      } catch (error) {
        // How much of the chunk landed is unknown: the next append re-reads the size.
        await this.#closeFile();
        throw error;
      }
      this.#hash?.update(data);
      this.#size = offset + data.length;
      return this.#size;
    });
  }

  /** The handle appends go to, opened by the first append unless the upload is finished. */
  async #openForAppend(offset: number): Promise<FileHandle> {
    if (this.#file !== undefined) return this.#file;
    if ((await this.#readDone()) !== undefined) {
      throw this.#chunkError('CHUNK_OVERSIZE', 'the upload is already finished', offset, offset);
    }
    this.#file = await open(this.#partPath, constants.O_WRONLY | constants.O_CREAT, 0o644);
    this.#size = -1; // unknown until the append reads it
    return this.#file;
  }

  async #closeFile(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    this.#hash = undefined;
    await file?.close();
  }

  async close(): Promise<void> {
    await this.#lock.run(this.#partPath, () => this.#closeFile());
  }

  async finish(sha256: string): Promise<BlobInfo> {
    checkSha256('sha256', sha256);
    return this.#lock.run(this.#partPath, async () => {
      const done = await this.#readDone();
      if (done !== undefined) {
        if (done.sha256 !== sha256) throw digestMismatch(sha256, done.sha256, done.bytes);
        return done;
      }
      const actual = await this.#stagedDigest();
      if (actual.sha256 !== sha256) throw digestMismatch(sha256, actual.sha256, actual.bytes);
      await this.#syncPart();
      const info: BlobInfo = { sha256, bytes: actual.bytes };
      await replaceAtomically(this.#tmpDir, this.#donePath, encodeDone(info));
      // Finished: a later append reopens, finds the finish record and is refused.
      await this.#closeFile();
      return info;
    });
  }

  /** The digest of what is staged: the running hash when this object wrote it all, else the file's. */
  async #stagedDigest(): Promise<{ sha256: string; bytes: number }> {
    const hash = this.#hash;
    if (hash !== undefined && (await this.#sizeOnDisk()) === this.#size) {
      return { sha256: hash.copy().digest('hex'), bytes: this.#size };
    }
    return hashFile(this.#partPath);
  }

  /** fdatasyncs the part file (appends are not synced one by one). */
  async #syncPart(): Promise<void> {
    if (this.#file !== undefined) {
      await this.#file.datasync();
      return;
    }
    const file = await open(this.#partPath, 'r');
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  async finished(): Promise<BlobInfo | undefined> {
    return this.#readDone();
  }

  readChunks(chunkBytes: number): AsyncIterable<Uint8Array> {
    checkInteger('chunkBytes', chunkBytes, 1);
    return this.#read(chunkBytes);
  }

  async *#read(chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
    const done = await this.#readDone();
    if (done === undefined) {
      throw new FedraError('STREAM_INCOMPLETE', 'the upload is not finished; call finish first', {
        metadata: this.#ids(),
      });
    }
    yield* readVerifiedChunks(this.#partPath, chunkBytes, done, true);
  }

  async reset(): Promise<void> {
    await this.#lock.run(this.#partPath, async () => {
      await this.#closeFile();
      await rm(this.#donePath, { force: true });
      const file = await open(this.#partPath, constants.O_WRONLY | constants.O_CREAT, 0o644);
      try {
        await file.truncate(0);
        await file.sync();
      } finally {
        await file.close();
      }
    });
  }

  async #sizeOnDisk(): Promise<number> {
    try {
      return (await stat(this.#partPath)).size;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return 0;
      throw error;
    }
  }

  async #readDone(): Promise<BlobInfo | undefined> {
    let text: string;
    try {
      text = await readFile(this.#donePath, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      const bytes = checkInteger('bytes', value['bytes'], 0);
      return { sha256: checkSha256('sha256', value['sha256']), bytes };
    } catch (error) {
      throw new FedraError('INTERNAL', 'a staged upload has an unreadable finish record', {
        cause: error,
        metadata: this.#ids(),
      });
    }
  }

  #ids(): Record<string, string> {
    const { experimentId, roundNumber, attempt, workerId } = this.key;
    return { experimentId, roundNumber: String(roundNumber), attempt: String(attempt), workerId };
  }

  #chunkError(
    code: 'CHUNK_GAP' | 'CHUNK_OVERLAP' | 'CHUNK_OVERSIZE',
    message: string,
    expectedOffset: number,
    receivedOffset: number,
  ): FedraError {
    return new FedraError(code, message, {
      metadata: {
        ...this.#ids(),
        expectedOffset: String(expectedOffset),
        receivedOffset: String(receivedOffset),
      },
    });
  }
}

function encodeDone(info: BlobInfo): Uint8Array {
  return new TextEncoder().encode(
    `${JSON.stringify({ sha256: info.sha256, bytes: info.bytes })}\n`,
  );
}
