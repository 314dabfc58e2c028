/**
 * Folding staged masked uploads into the aggregator's running sum, chunk
 * by chunk from the model store (O(chunk) memory besides the sum), and the
 * single-thread mask removal.
 *
 * Unmasking is AES-CTR keystream work (one stream per mask over the whole
 * vector) and runs on an `UnmaskPool` (worker_threads over a sum on a
 * SharedArrayBuffer) when the coordinator has one; {@link unmaskSum} is the
 * fallback on the calling thread.
 *
 * Folding stays on the driver's thread on purpose: it is one 32-bit add per
 * element, at memory bandwidth (measured 0.8-1.0 ms per 1M elements with
 * `foldMaskedChunk` on 1 MiB chunks, 2-core EPYC, Node 20), and it runs
 * between the awaits of the 1 MiB chunk reads, so the event loop is never
 * held for more than about 0.25 ms at a time. Posting each chunk to a
 * thread would cost a copy (or a transfer and a fresh allocation) as large
 * as the add itself. Unmasking costs 15x (10 masks) to 130x (100 masks)
 * more per element (one AES-CTR keystream per mask): that is what the pool
 * is for.
 *
 * @module
 */
import type { AggregatorSession, MaskPlan } from '@fedra/secagg';
import { applyMaskPlan } from '@fedra/secagg';
import type { StagedUpload } from '../model-store/model-store.js';

/** Bytes read from a staged upload per fold step (a multiple of 4). */
export const FOLD_CHUNK_BYTES = 1 << 20;

function words(chunk: Uint8Array): Uint32Array {
  // Model-store chunks are fresh Buffers, but a pooled slice may sit at any
  // byte offset; copy only then.
  if (chunk.byteOffset % 4 === 0)
    return new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.byteLength / 4);
  return new Uint32Array(chunk.slice().buffer);
}

/** Calls `apply` on each non-empty chunk of the upload, as words, with its word offset. */
async function forEachWordChunk(
  upload: StagedUpload,
  apply: (wordOffset: number, chunk: Uint32Array) => void,
): Promise<void> {
  let offset = 0;
  for await (const chunk of upload.readChunks(FOLD_CHUNK_BYTES)) {
    if (chunk.byteLength === 0) continue;
    apply(offset / 4, words(chunk));
    offset += chunk.byteLength;
  }
}

/**
 * Adds `sender`'s finished upload into the session's running sum.
 *
 * @throws the model store's `DIGEST_MISMATCH` when the staged bytes changed
 *   since their digest was verified (some chunks may be folded by then:
 *   the caller discards the session), or the session's fold errors.
 */
export function foldStagedUpload(
  session: AggregatorSession,
  sender: string,
  upload: StagedUpload,
): Promise<void> {
  return forEachWordChunk(upload, (at, chunk) => {
    session.foldMaskedChunk(sender, at, chunk);
  });
}

/** Takes `sender`'s folded upload back out of the running sum (it was dropped after folding). */
export function retractStagedUpload(
  session: AggregatorSession,
  sender: string,
  upload: StagedUpload,
): Promise<void> {
  return forEachWordChunk(upload, (at, chunk) => {
    session.retractMaskedChunk(sender, at, chunk);
  });
}

/** Removes the masks from the sum on this thread (the AggregatorSession's default `applyPlan`). */
export function unmaskSum(plan: MaskPlan, sum: Uint32Array): void {
  applyMaskPlan(plan, sum, 0);
}
