/**
 * The model store's contract: content-addressed blobs (weights, topology,
 * strategy state), immutable model versions committed exactly once, and the
 * staged uploads of secure aggregation. {@link DirectoryModelStore} is the
 * implementation on a directory (a shared volume for several replicas); an
 * S3-compatible one can implement the same interface later (conditional
 * puts give the exclusive commit, multipart uploads the staging).
 *
 * @module
 */

/** A stored blob: its sha256 (lower-case hex) and size in bytes. */
export interface BlobInfo {
  /** sha256 of the content, 64 lower-case hex digits; also its name. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** What {@link ModelStore.putBlob} accepts: one buffer or a (async) stream of chunks. */
export type BlobSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Options for {@link ModelStore.putBlob}. */
export interface PutBlobOptions {
  /** The digest the sender declared; the content must hash to it. */
  readonly sha256?: string;
  /** Refuse content longer than this many bytes. @default no limit */
  readonly maxBytes?: number;
}

/**
 * A blob being read: iterate it for chunks of about 1 MiB. The content is
 * re-hashed on the way, and the iteration fails with `DIGEST_MISMATCH` at
 * the end if the stored bytes no longer match their name.
 */
export interface BlobReader extends AsyncIterable<Uint8Array> {
  /** The blob's digest. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly size: number;
}

/** Training metrics of the round that produced a version. */
export interface ModelVersionMetrics {
  /** Mean training loss (loss lane sum / total weight). */
  readonly loss: number;
  /** Training accuracy (correct lane sum / examples). */
  readonly accuracy: number;
  /** Examples behind the metrics. */
  readonly examples: number;
}

/**
 * One immutable model version. Version 0 is the initial model; version r is
 * the model after round r, so `version === roundNumber`.
 */
export interface ModelVersion {
  /** The experiment. */
  readonly experimentId: string;
  /** The version number, 0-based. */
  readonly version: number;
  /** The round that produced it (0 for the initial model). */
  readonly roundNumber: number;
  /** The attempt of that round that produced it (0 for the initial model). */
  readonly attempt: number;
  /** sha256 of the weights blob. */
  readonly weightsSha256: string;
  /** sha256 of the model topology blob (Keras-style JSON). */
  readonly topologySha256: string;
  /** sha256 of the previous version's weights; null for version 0. */
  readonly parentSha256: string | null;
  /** Participants whose updates are in the aggregate, per region (empty for version 0). */
  readonly participantsPerRegion: Readonly<Record<string, number>>;
  /** Training metrics of the round; null for version 0. */
  readonly metrics: ModelVersionMetrics | null;
  /** The server strategy (`fedavg`, `fedadam`, …). */
  readonly strategyName: string;
  /** sha256 of the strategy state blob to resume from (see `encodeStrategyState`). */
  readonly strategyStateSha256: string;
  /** When the version was first committed, ISO 8601 (from the caller's clock). */
  readonly createdAt: string;
}

/** What a caller commits; the store adds experimentId and version. */
export type NewModelVersion = Omit<ModelVersion, 'experimentId' | 'version'>;

/** The result of {@link ModelStore.commitVersion}. */
export interface CommitResult {
  /** The version as stored (the first commit's, including its `createdAt`). */
  readonly version: ModelVersion;
  /** True when this call committed it, false when an identical commit had. */
  readonly created: boolean;
}

/** Identifies one worker's masked upload for one attempt of one round. */
export interface StageKey {
  /** The experiment. */
  readonly experimentId: string;
  /** The round, 1-based. */
  readonly roundNumber: number;
  /** The attempt, 1-based. */
  readonly attempt: number;
  /** The uploading worker. */
  readonly workerId: string;
}

/** Options for {@link ModelStore.stageUpload}. */
export interface StageUploadOptions {
  /**
   * The most bytes the upload may have; appends past it fail with
   * `CHUNK_OVERSIZE`. The round engine knows the exact masked-vector size.
   * @default no limit
   */
  readonly maxBytes?: number;
}

/**
 * One staged upload, resumable across reconnects and coordinator restarts:
 * `offset()` reports what is on disk to a resuming worker (after a machine
 * crash, what survived of the acknowledged appends; `finish` syncs before
 * it marks the upload finished). The upload is folded only after `finish`
 * verified its digest. One object serves one upload stream: call `close`
 * when the stream ends.
 *
 * Lifecycle: receiving (appends) → finished (digest verified; readable) →
 * removed by {@link ModelStore.discardAttempt}. `reset` goes back to an
 * empty receiving upload.
 */
export interface StagedUpload {
  /** Which upload this is. */
  readonly key: StageKey;
  /** Bytes staged so far: where the worker must resume. */
  offset(): Promise<number>;
  /**
   * Appends `data` at `offset`, which must equal {@link offset}.
   *
   * @returns the new offset.
   * @throws ChunkStream codes `CHUNK_GAP` / `CHUNK_OVERLAP` (metadata
   *   `expectedOffset`, `receivedOffset`), `CHUNK_OVERSIZE` past `maxBytes`
   *   or after `finish`.
   */
  append(offset: number, data: Uint8Array): Promise<number>;
  /**
   * Verifies the sha256 of everything staged and marks the upload finished.
   * Idempotent for the same digest. On `DIGEST_MISMATCH` the staged bytes
   * are kept (a retry with the right digest succeeds; {@link reset} starts
   * over).
   */
  finish(sha256: string): Promise<BlobInfo>;
  /** The digest and size once finished; undefined while receiving. */
  finished(): Promise<BlobInfo | undefined>;
  /**
   * Reads a finished upload in chunks of exactly `chunkBytes` (the last may
   * be shorter), for folding. Re-hashes on the way and fails with
   * `DIGEST_MISMATCH` at the end if the file changed since `finish`. A
   * chunk may be reused for the next one: use it before asking for more.
   *
   * @throws `STREAM_INCOMPLETE` when the upload is not finished.
   */
  readChunks(chunkBytes: number): AsyncIterable<Uint8Array>;
  /** Drops the staged bytes and the finished mark, so the worker can resend from 0. */
  reset(): Promise<void>;
  /** Releases what this object holds open (the staged bytes stay); idempotent. */
  close(): Promise<void>;
}

/** Content-addressed blobs, immutable versions, staged uploads. */
export interface ModelStore {
  /** Stores content under its sha256; idempotent when it is already there. */
  putBlob(source: BlobSource, options?: PutBlobOptions): Promise<BlobInfo>;
  /** Opens a blob for reading. */
  getBlob(sha256: string): Promise<BlobReader>;
  /** True when the blob is stored. */
  hasBlob(sha256: string): Promise<boolean>;
  /**
   * Commits a model version exactly once. A repeat with the same content
   * (`createdAt` aside) succeeds with `created: false`; different content
   * fails with `ALREADY_EXISTS`.
   */
  commitVersion(
    experimentId: string,
    version: number,
    metadata: NewModelVersion,
  ): Promise<CommitResult>;
  /** One version; `MODEL_VERSION_NOT_FOUND` when not committed. */
  getVersion(experimentId: string, version: number): Promise<ModelVersion>;
  /** Committed version numbers, ascending. */
  listVersions(experimentId: string): Promise<number[]>;
  /** The highest committed version, or undefined when there is none. */
  latestVersion(experimentId: string): Promise<ModelVersion | undefined>;
  /** Opens (creating if needed) one worker's staged upload. */
  stageUpload(key: StageKey, options?: StageUploadOptions): Promise<StagedUpload>;
  /** Removes every staged upload of one attempt; idempotent. */
  discardAttempt(experimentId: string, roundNumber: number, attempt: number): Promise<void>;
}
