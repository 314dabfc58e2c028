/**
 * Streams a model version's weights: a manifest, then ~1 MiB chunks from
 * the requested offset; the final chunk carries the SHA-256 of the whole
 * blob. Shared by FleetService and ExperimentService DownloadModel.
 *
 * @module
 */
import { loadFedraPackage } from '@fedra/proto';
import type { DownloadModelResponse } from '@fedra/proto';
import { InvalidArgumentError, OutOfRangeError } from '@fedra/common';
import { preEncoded } from '../grpc/pre-encoded.js';
import { writeMessage } from '../grpc/wrap-handlers.js';
import type { CoordinatorMetrics } from '../metrics/coordinator-metrics.js';
import type { ModelStore, ModelVersion } from '../model-store/model-store.js';
import { modelVersionToWire } from './wire-records.js';

/**
 * The DownloadModel methods whose responses {@link streamModel} may send
 * pre-encoded; the server must wrap them with `acceptPreEncoded`.
 */
export const PRE_ENCODED_DOWNLOADS = {
  FleetService: 'DownloadModel',
  ExperimentService: 'DownloadModel',
};

/**
 * Each whole chunk's message, encoded once: while the model store keeps a
 * blob in memory it hands every reader the same chunk objects, so the n
 * downloads of a round's model share one encoding per chunk.
 */
const encodedChunks = new WeakMap<Uint8Array, { readonly key: string; readonly bytes: Buffer }>();

function encode(message: DownloadModelResponse): Buffer {
  return loadFedraPackage().fedra.v1.FleetService.service.DownloadModel.responseSerialize(message);
}

/** The part of a grpc-js server stream {@link streamModel} writes to. */
export type ModelSink = Parameters<typeof writeMessage<DownloadModelResponse>>[0];

/**
 * Writes `version`'s manifest and weights from `offset`, counting the
 * weight bytes sent in `metrics`.
 *
 * @throws OutOfRangeError (field `offset`) when the offset is past the end.
 * @throws InvalidArgumentError (field `offset`) when it is not a multiple of 4.
 */
export async function streamModel(
  call: ModelSink,
  store: ModelStore,
  version: ModelVersion,
  offset: number,
  metrics?: Pick<CoordinatorMetrics, 'downloaded'>,
): Promise<void> {
  const blob = await store.getBlob(version.weightsSha256);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > blob.size) {
    throw new OutOfRangeError('offset', `offset must lie within the ${blob.size}-byte model`, {
      metadata: { sizeBytes: String(blob.size) },
    });
  }
  if (offset % 4 !== 0) {
    throw new InvalidArgumentError('offset', 'offset must be a multiple of 4 (float32 elements)');
  }
  const sha256 = Buffer.from(version.weightsSha256, 'hex');
  await writeMessage(call, { model: modelVersionToWire(version, blob.size) });
  let position = 0;
  let finished = false;
  for await (const chunk of blob) {
    const end = position + chunk.length;
    if (end > offset) {
      const start = Math.max(offset, position);
      const last = end === blob.size;
      const message: DownloadModelResponse = {
        chunk: {
          offset: start,
          data: Buffer.from(chunk.buffer, chunk.byteOffset + (start - position), end - start),
          totalBytes: blob.size,
          sha256: last ? sha256 : Buffer.alloc(0),
        },
      };
      if (start === position) {
        const key = `${start}/${blob.size}/${last ? version.weightsSha256 : ''}`;
        let encoded = encodedChunks.get(chunk);
        if (encoded?.key !== key) {
          encoded = { key, bytes: encode(message) };
          encodedChunks.set(chunk, encoded);
        }
        // The server's DownloadModel serializers pass pre-encoded messages through.
        await writeMessage(call, preEncoded(encoded.bytes) as unknown as DownloadModelResponse);
      } else {
        await writeMessage(call, message);
      }
      metrics?.downloaded(end - start);
      finished = last;
    }
    position = end;
  }
  if (!finished) {
    await writeMessage(call, {
      chunk: { offset: blob.size, data: Buffer.alloc(0), totalBytes: blob.size, sha256 },
    });
  }
}
