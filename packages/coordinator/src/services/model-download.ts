/**
 * Streams a model version's weights: a manifest, then ~1 MiB chunks from
 * the requested offset; the final chunk carries the SHA-256 of the whole
 * blob. Shared by FleetService and ExperimentService DownloadModel.
 *
 * @module
 */
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
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

/** Download messages in flight across all DownloadModel streams of a coordinator by default. */
export const DEFAULT_DOWNLOAD_SLOTS = 8;

/** How long one write may hold a slot before the next stream may go ahead, by default. */
const DEFAULT_SLOT_HOLD_MS = 1000;

/**
 * Bounds the download messages handed to grpc-js and not yet flushed,
 * across all DownloadModel streams: each message is copied into its own
 * framed buffer that lives until the client's flow-control window takes
 * it, so when a round opens and n workers download at once, memory would
 * grow with n (n x 1 MiB chunks, twice). With slots it is bounded by the
 * slot count.
 *
 * A slot is freed when its write completes, or after a second: a client
 * that stops reading keeps its one message, never a slot.
 */
export class DownloadSlots {
  readonly #limit: LimitFunction;
  readonly #holdMs: number;

  constructor(slots = DEFAULT_DOWNLOAD_SLOTS, holdMs = DEFAULT_SLOT_HOLD_MS) {
    this.#limit = pLimit(slots);
    this.#holdMs = holdMs;
  }

  /** Writes `message` to `call` once a slot is free; resolves when it is written. */
  async write(call: ModelSink, message: DownloadModelResponse): Promise<void> {
    let written: Promise<void> | undefined;
    await this.#limit(() => {
      written = writeMessage(call, message);
      let timer: NodeJS.Timeout | undefined;
      const held = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#holdMs);
      });
      return Promise.race([written.catch(() => undefined), held]).finally(() => {
        clearTimeout(timer);
      });
    });
    await written;
  }
}

/** What {@link streamModel} needs besides the stream and the version. */
export interface StreamModelOptions {
  /** Where the chunk messages wait for a slot. */
  readonly slots: DownloadSlots;
  /** Counts the weight bytes sent. */
  readonly metrics?: Pick<CoordinatorMetrics, 'downloaded'> | undefined;
}

/**
 * Writes `version`'s manifest and weights from `offset`, the chunks through
 * `options.slots`, counting the weight bytes sent in `options.metrics`.
 *
 * @throws OutOfRangeError (field `offset`) when the offset is past the end.
 * @throws InvalidArgumentError (field `offset`) when it is not a multiple of 4.
 */
export async function streamModel(
  call: ModelSink,
  store: ModelStore,
  version: ModelVersion,
  offset: number,
  options: StreamModelOptions,
): Promise<void> {
  const { slots, metrics } = options;
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
        await slots.write(call, preEncoded(encoded.bytes) as unknown as DownloadModelResponse);
      } else {
        await slots.write(call, message);
      }
      metrics?.downloaded(end - start);
      finished = last;
    }
    position = end;
  }
  if (!finished) {
    await slots.write(call, {
      chunk: { offset: blob.size, data: Buffer.alloc(0), totalBytes: blob.size, sha256 },
    });
  }
}
