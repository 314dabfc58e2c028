/**
 * The few file-system moves the model store builds on. Writes are durable
 * once their promise resolves: data fsynced before it is renamed or linked
 * into place, and the directory fsynced after, so a power cut leaves either
 * the old state or the new one, never a torn file under a final name. Reads
 * re-hash what they return, so bit rot or tampering surfaces as
 * `DIGEST_MISMATCH` instead of a silently wrong model.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FedraError } from '@fedra/common';

/** Writes all of `data` at `position`, looping over short writes. */
export async function writeAll(
  file: FileHandle,
  data: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * fsyncs a directory so a rename or link in it survives a crash. Some
 * platforms cannot open directories for syncing; there the call is a no-op,
 * which is the best they offer.
 */
export async function fsyncDirectory(path: string): Promise<void> {
  let dir: FileHandle | undefined;
  try {
    dir = await open(path, 'r');
    await dir.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'EBADF')) throw error;
  } finally {
    await dir?.close();
  }
}

/** A fresh, unique temp-file path in `tmpDir`. */
export function tempPath(tmpDir: string, purpose: string): string {
  return join(tmpDir, `${purpose}-${randomUUID()}.tmp`);
}

/** Writes `data` to a new temp file and fsyncs it. */
export async function writeTemp(
  tmpDir: string,
  purpose: string,
  data: Uint8Array,
): Promise<string> {
  const path = tempPath(tmpDir, purpose);
  const file = await open(path, 'wx', 0o644);
  try {
    await writeAll(file, data, 0);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(path, { force: true });
    throw error;
  }
  await file.close();
  return path;
}

/**
 * Puts `data` at `finalPath` if nothing is there yet, atomically and with
 * its whole content: the data goes to a temp file, is fsynced, and is then
 * hard-linked to the final name, which fails with EEXIST when the name is
 * taken. Unlike creating the final file with `wx` and writing into it, a
 * crash can never leave a half-written file that blocks the name forever,
 * and no reader ever sees a partial file.
 *
 * @returns true when this call created the file, false when it existed.
 */
export async function createExclusive(
  tmpDir: string,
  finalPath: string,
  data: Uint8Array,
): Promise<boolean> {
  const temp = await writeTemp(tmpDir, 'create', data);
  try {
    await link(temp, finalPath);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  await fsyncDirectory(dirname(finalPath));
  return true;
}

/** Replaces whatever is at `finalPath` with `data`, atomically (temp + rename). */
export async function replaceAtomically(
  tmpDir: string,
  finalPath: string,
  data: Uint8Array,
): Promise<void> {
  const temp = await writeTemp(tmpDir, 'replace', data);
  try {
    await rename(temp, finalPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(finalPath));
}

/** True when `error` is a Node system error with one of `codes`. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}

/**
 * Reads `path` in chunks of exactly `chunkBytes` (the last may be shorter),
 * expecting `bytes` bytes that hash to `sha256`.
 *
 * With `reuse`, every chunk is a view of one buffer, valid only until the
 * next is requested: for readers that consume each chunk at once, so that
 * a large file does not allocate its size in short-lived buffers.
 *
 * @throws FedraError `DIGEST_MISMATCH` after the last chunk when the content
 *   differs (or the file is shorter than expected).
 */
export async function* readVerifiedChunks(
  path: string,
  chunkBytes: number,
  expected: { readonly sha256: string; readonly bytes: number },
  reuse = false,
): AsyncGenerator<Uint8Array, void, undefined> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const shared = reuse ? new Uint8Array(Math.min(chunkBytes, expected.bytes)) : undefined;
    let position = 0;
    while (position < expected.bytes) {
      const length = Math.min(chunkBytes, expected.bytes - position);
      const chunk = shared === undefined ? new Uint8Array(length) : shared.subarray(0, length);
      let filled = 0;
      while (filled < chunk.length) {
        const { bytesRead } = await file.read(
          chunk,
          filled,
          chunk.length - filled,
          position + filled,
        );
        if (bytesRead === 0) throw digestMismatch(expected.sha256, 'truncated', position + filled);
        filled += bytesRead;
      }
      hash.update(chunk);
      position += chunk.length;
      yield chunk;
    }
    const actual = hash.digest('hex');
    if (actual !== expected.sha256) throw digestMismatch(expected.sha256, actual, position);
  } finally {
    await file.close();
  }
}

/** sha256 and size of a whole file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = new Uint8Array(HASH_CHUNK_BYTES);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, bytes);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await file.close();
  }
}

const HASH_CHUNK_BYTES = 1 << 20;

/** A `DIGEST_MISMATCH` error carrying both digests and the byte count. */
export function digestMismatch(expected: string, actual: string, bytes: number): FedraError {
  return new FedraError(
    'DIGEST_MISMATCH',
    `content hashes to ${actual}, not the expected ${expected} (${bytes} bytes)`,
    { metadata: { expectedSha256: expected, actualSha256: actual, bytes: String(bytes) } },
  );
}
