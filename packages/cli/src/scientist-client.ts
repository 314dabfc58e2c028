/**
 * What a data scientist's program does against a local insecure coordinator,
 * shared by `pnpm demo` and the MNIST end-to-end test: the demo experiment's
 * spec, creating an experiment with its initial weights streamed in chunks,
 * downloading a model version, unary calls with an insecure identity, and
 * removing a run's Redis keys. (The SDK will replace the RPC helpers.)
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { INSECURE_IDENTITY_HEADER } from '@fedra/coordinator';
import type { ExperimentServiceClient, ExperimentSpec } from '@fedra/proto';
import { buildModel, createDemoModel, weightSpecs } from '@fedra/worker';
import type { ModelTopology } from '@fedra/worker';
import { payloadChunks } from '@fedra/wire';

/** L2 clipping bound of the demo experiment's updates. */
export const DEMO_CLIPPING_BOUND = 5;
/** Cap on the example count a demo worker's update is weighted by. */
export const DEMO_MAX_EXAMPLE_WEIGHT = 2000;
/** Bytes per chunk of the streamed initial weights. */
const CHUNK_BYTES = 1024 * 1024;

/** Call metadata naming `identity` (a SPIFFE URI): insecure coordinators only. */
export function insecureMetadata(identity: string): Metadata {
  const m = new Metadata();
  m.set(INSECURE_IDENTITY_HEADER, identity);
  return m;
}

/** A unary grpc-js call as a promise, made as `identity`. */
export function unary<T>(
  invoke: (
    metadata: Metadata,
    callback: (error: ServiceError | null, value?: T) => void,
  ) => unknown,
  identity: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke(insecureMetadata(identity), (error, value) => {
      if (error !== null) reject(error);
      else resolve(value as T);
    });
  });
}

/**
 * Lane scales for `n` workers: the update lane gets the largest power of two
 * (at most 2^16) that keeps n x bound x scale below 2^31, which the
 * coordinator checks.
 */
function laneScales(n: number): ExperimentSpec['laneScales'] {
  const updateBound = DEMO_CLIPPING_BOUND * DEMO_MAX_EXAMPLE_WEIGHT;
  const update = 2 ** Math.min(16, Math.floor(Math.log2((2 ** 31 - 1) / (n * updateBound))));
  return { update, weight: 1, lossSum: 2 ** 10, correctCount: 1 };
}

/**
 * The demo experiment for `workers` workers: the demo MLP on MNIST, Adam,
 * FedAvg, classic SecAgg (every participant neighbours every other) with a
 * majority threshold.
 */
export async function demoExperimentSpec(
  workers: number,
  rounds: number,
): Promise<{ spec: ExperimentSpec; topology: ModelTopology; weights: Float32Array }> {
  const { topology, weights } = await createDemoModel('mlp', { seed: 3 });
  const model = await buildModel(topology);
  const specs = weightSpecs(model).map((w) => ({ name: w.name, shape: [...w.shape] }));
  model.dispose();
  const seconds = (s: number) => ({ seconds: s, nanos: 0 });
  const k = workers - 1;
  const t = Math.max(2, Math.floor(k / 2) + 1);
  const spec: ExperimentSpec = {
    model: { topologyJson: JSON.stringify(topology), weights: specs, paramCount: weights.length },
    training: {
      optimizer: 'LOCAL_OPTIMIZER_ADAM',
      learningRate: 0.002,
      batchSize: 32,
      localEpochs: 1,
      fedproxMu: 0,
    },
    dataset: { name: 'mnist', inputShape: [784], numClasses: 10 },
    rounds,
    minParticipants: workers,
    targetParticipants: workers,
    strategy: { fedAvg: {} },
    clippingBound: DEMO_CLIPPING_BOUND,
    secagg: { k, t },
    laneScales: laneScales(workers),
    deadlines: {
      setup: seconds(20),
      shareKeys: seconds(20),
      collectMasked: seconds(30 + 20 * workers),
      consistencyCheck: seconds(20),
      unmask: seconds(20),
    },
    maxExampleWeight: DEMO_MAX_EXAMPLE_WEIGHT,
    lossClip: 10,
  };
  return { spec, topology, weights };
}

/**
 * Creates an experiment as `identity`: the spec first, then the initial
 * weights in 1 MiB chunks, the last carrying their sha256. Resolves with the
 * experiment id.
 */
export function createExperiment(
  client: ExperimentServiceClient,
  options: {
    readonly spec: ExperimentSpec;
    readonly weights: Float32Array;
    readonly identity: string;
    readonly displayName: string;
  },
): Promise<string> {
  const { spec, weights, identity, displayName } = options;
  return new Promise((resolve, reject) => {
    const call = client.createExperiment(insecureMetadata(identity), (error, response) => {
      if (error !== null) reject(error);
      else resolve(response?.experiment?.experimentId ?? '');
    });
    call.write({ start: { requestId: randomUUID(), spec, metadata: { displayName } } });
    const bytes = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest();
    for (const initialWeights of payloadChunks(bytes, sha256, { chunkBytes: CHUNK_BYTES }))
      call.write({ initialWeights });
    call.end();
  });
}

/** Downloads model `version` of an experiment as `identity`. */
export function downloadModelVersion(
  client: ExperimentServiceClient,
  experimentId: string,
  version: number,
  identity: string,
): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const stream = client.downloadModel({ experimentId, version }, insecureMetadata(identity));
    stream.on('data', (message: { chunk?: { data: Buffer } | null }) => {
      if (message.chunk != null) parts.push(message.chunk.data);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      const bytes = Buffer.concat(parts);
      resolve(
        new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      );
    });
  });
}
