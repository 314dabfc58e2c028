/**
 * Folding staged masked uploads into the aggregator's running sum, chunk
 * by chunk from the model store (O(chunk) memory besides the sum), and the
 * mask removal at the end of a round.
 *
 * Both run on the driver's thread today, behind these two functions; the
 * issue asks for worker_threads (the sum would live on a
 * SharedArrayBuffer, `createSum`, and each thread would add or unmask a
 * slice). That is left for the benchmark milestone, where the cost can be
 * measured.
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

/**
 * Adds `sender`'s finished upload into the session's running sum.
 *
 * @throws the model store's `DIGEST_MISMATCH` when the staged bytes changed
 *   since their digest was verified (some chunks may be folded by then:
 *   the caller discards the session), or the session's fold errors.
 */
export async function foldStagedUpload(
  session: AggregatorSession,
  sender: string,
  upload: StagedUpload,
): Promise<void> {
  let offset = 0;
  for await (const chunk of upload.readChunks(FOLD_CHUNK_BYTES)) {
    if (chunk.byteLength === 0) continue;
    session.foldMaskedChunk(sender, offset / 4, words(chunk));
    offset += chunk.byteLength;
  }
}

/** Takes `sender`'s folded upload back out of the running sum (it was dropped after folding). */
export async function retractStagedUpload(
  session: AggregatorSession,
  sender: string,
  upload: StagedUpload,
): Promise<void> {
  let offset = 0;
  for await (const chunk of upload.readChunks(FOLD_CHUNK_BYTES)) {
    if (chunk.byteLength === 0) continue;
    session.retractMaskedChunk(sender, offset / 4, words(chunk));
    offset += chunk.byteLength;
  }
}

/** Removes the masks from the sum (the AggregatorSession's `applyPlan`). */
export function unmaskSum(plan: MaskPlan, sum: Uint32Array): void {
  applyMaskPlan(plan, sum, 0);
}
