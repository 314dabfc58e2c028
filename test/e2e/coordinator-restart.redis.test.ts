/**
 * The coordinator restarts while a worker's masked upload is half received:
 * the model store holds the upload after its first chunk, the coordinator is
 * stopped there and a new one starts on the same port, Redis prefix and
 * model store. The worker must resume from the offset the new coordinator
 * reports, and the round must complete with its update in the sum.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoExperimentSpec } from '@fedra/cli';
import type { ModelStore, StagedUpload, StageKey } from '@fedra/coordinator';
import {
  getRound,
  revealedIn,
  startExperiment,
  startHarness,
  startWorkers,
  waitForExperimentEnd,
} from './harness.js';
import type { Harness, WorkerPlan } from './harness.js';

const PLANS: readonly WorkerPlan[] = [
  { workerId: 'w1', region: 'eu', shard: 0, shards: 3, classes: [0, 1, 2, 3] },
  { workerId: 'w2', region: 'us', shard: 1, shards: 3, classes: [4, 5, 6] },
  { workerId: 'w3', region: 'ap', shard: 2, shards: 3, classes: [7, 8, 9] },
];
/** The worker whose upload is held; small chunks so it takes many. */
const HELD = 'w1';
const HELD_CHUNK_BYTES = 16 * 1024;

/**
 * Wraps each coordinator's model store and records the held worker's
 * appends. The first coordinator's store accepts one chunk of its upload and
 * then holds every further append until a later coordinator starts, then
 * fails them, as a killed process would.
 */
class UploadHold {
  /** Appends of the held worker, per coordinator generation (1, 2, ...). */
  readonly appends: Array<{ generation: number; offset: number; bytes: number }> = [];
  readonly held: Promise<void>;
  #generation = 0;
  #onHeld!: () => void;
  #fail!: (error: Error) => void;
  readonly #gate: Promise<never>;

  constructor() {
    this.held = new Promise((resolve) => (this.#onHeld = resolve));
    this.#gate = new Promise<never>((_, reject) => (this.#fail = reject));
    this.#gate.catch(() => undefined);
  }

  wrap = (store: ModelStore): ModelStore => {
    this.#generation += 1;
    const generation = this.#generation;
    if (generation > 1) this.#fail(new Error('the coordinator holding this upload was stopped'));
    const stageUpload = async (
      key: StageKey,
      options?: Parameters<ModelStore['stageUpload']>[1],
    ) => {
      const upload = await store.stageUpload(key, options);
      return key.workerId === HELD ? this.#watch(upload, generation) : upload;
    };
    return {
      putBlob: (source, o) => store.putBlob(source, o),
      getBlob: (sha256) => store.getBlob(sha256),
      hasBlob: (sha256) => store.hasBlob(sha256),
      commitVersion: (id, version, metadata) => store.commitVersion(id, version, metadata),
      getVersion: (id, version) => store.getVersion(id, version),
      listVersions: (id) => store.listVersions(id),
      latestVersion: (id) => store.latestVersion(id),
      stageUpload,
      discardAttempt: (id, round, attempt) => store.discardAttempt(id, round, attempt),
    };
  };

  #watch(upload: StagedUpload, generation: number): StagedUpload {
    return {
      key: upload.key,
      offset: () => upload.offset(),
      append: async (offset, data) => {
        if (generation === 1 && this.appends.length > 0) await this.#gate;
        const next = await upload.append(offset, data);
        this.appends.push({ generation, offset, bytes: data.length });
        if (generation === 1) this.#onHeld();
        return next;
      },
      finish: (sha256) => upload.finish(sha256),
      finished: () => upload.finished(),
      readChunks: (chunkBytes) => upload.readChunks(chunkBytes),
      reset: () => upload.reset(),
      close: () => upload.close(),
    };
  }
}

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('coordinator restart mid-upload', () => {
  it('the worker resumes its masked upload from the reported offset and the round completes', async () => {
    const hold = new UploadHold();
    const h = await startHarness({ wrapModelStore: hold.wrap });
    harness = h;
    await startWorkers(h, PLANS, {
      options: new Map([[HELD, { chunkBytes: HELD_CHUNK_BYTES }]]),
    });
    const { spec, weights } = await demoExperimentSpec(PLANS.length, 1);
    const experimentId = await startExperiment(h, spec, weights);

    await hold.held;
    await h.restartCoordinator();

    const finished = await waitForExperimentEnd(h, experimentId);
    expect(finished.state).toBe('EXPERIMENT_STATE_COMPLETED');
    // In its first attempt: nobody was dropped and nothing was retried.
    expect((await getRound(h, experimentId, 1)).round?.attempts).toHaveLength(1);
    expect(await revealedIn(h, experimentId, 1)).toEqual(['w1', 'w2', 'w3']);

    // The first coordinator staged exactly one chunk; the second received
    // the rest, starting at that offset, up to the whole vector.
    const before = hold.appends.filter((a) => a.generation === 1);
    const after = hold.appends.filter((a) => a.generation === 2);
    expect(before).toEqual([{ generation: 1, offset: 0, bytes: HELD_CHUNK_BYTES }]);
    expect(after[0]?.offset).toBe(HELD_CHUNK_BYTES);
    const total = weights.length * 4 + 3 * 4; // the update lane and three metric lanes
    const last = after[after.length - 1];
    expect((last?.offset ?? 0) + (last?.bytes ?? 0)).toBe(total);
  }, 120_000);
});
