/**
 * `@fedra/worker`: the regional worker.
 *
 * - Backends: {@link selectBackend} picks tfjs-node-gpu, tfjs-node, wasm
 *   (with Fedra's wasm gradient kernels, {@link registerWasmKernels}) or cpu.
 * - Models: {@link buildModel} from a Keras-style topology + flat weights,
 *   {@link checkLayers} against the region's allow-list, {@link countParameters}.
 * - Training: {@link trainLocal} (one round: optimizer, FedProx, clipped
 *   delta, lanes), {@link evaluateLocal}, and {@link TrainingHost}, which runs
 *   both in one long-lived training thread.
 * - Data: {@link loadDataset} for CSV, JSON Lines, image folders and MNIST
 *   demo shards; {@link validateDataset} against a model.
 * - The region decides: {@link loadRegionPolicy} reads the operator's policy
 *   file (cohort, k, t, survivors, parameter cap, layer allow-list, owners,
 *   clipping, pinned region CAs); {@link evaluateRound} refuses a round or
 *   model outside it with a reason the coordinator records.
 * - Configuration: {@link parseWorkerConfig} from flags and `FEDRA_*`.
 *
 * - Runtime: {@link Worker} registers with the coordinator, follows the task
 *   stream by cursor, refuses rounds its policy forbids, takes part in
 *   SecAgg+ (training in the TrainingHost, masked uploads resumable from the
 *   coordinator's offset), persists its reveal record, and reconnects with
 *   jittered backoff. With TLS it signs with the key behind its certificate
 *   ({@link loadWorkerCertificate}) and admits peers only when their
 *   certificates chain to the policy's pinned region CAs ({@link PeerVerifier}).
 * - Operations: {@link WorkerMetrics} (Prometheus) and {@link startHealthServer}
 *   (`/healthz`, `/readyz`, `/metrics`); {@link egressInterceptor} sees every
 *   byte sent to the coordinator.
 *
 * @example
 * ```ts
 * import { TrainingHost, createDemoModel } from '@fedra/worker';
 *
 * const host = await TrainingHost.create({ backend: 'auto' });
 * await host.loadDataset({ name: 'mnist', format: 'mnist', shard: 0, shards: 6, inputShape: [784] });
 * const { topology, weights } = await createDemoModel('mlp');
 * const result = await host.train({
 *   dataset: 'mnist', topology, weights,
 *   config: { optimizer: 'adam', learningRate: 0.002, batchSize: 32, localEpochs: 1 },
 *   clipNorm: 10, maxExampleWeight: 1000, lossClip: 10,
 * });
 * // result.delta (clipped), result.weight, result.lossSum, result.correct, result.validation
 * await host.close();
 * ```
 *
 * @module
 */

export { BACKEND_ORDER, importFailureReason, selectBackend } from './training/backend.js';
export type {
  BackendAttempt,
  BackendChoice,
  BackendDevice,
  BackendName,
  BackendSelection,
  SelectBackendOptions,
} from './training/backend.js';
export { registerWasmKernels } from './training/wasm-kernels.js';
export type { WasmKernelRegistration } from './training/wasm-kernels.js';
export {
  buildModel,
  checkLayers,
  countParameters,
  flattenWeights,
  listLayerClasses,
  modelSignature,
  setFlatWeights,
  unflattenWeights,
  weightSpecs,
} from './training/model.js';
export type { ModelSignature, ModelTopology, WeightSpec } from './training/model.js';
export { clipDelta, l2Norm } from './training/clip-delta.js';
export type { ClipResult } from './training/clip-delta.js';
export { checkTrainRequest, evaluateLocal, trainLocal } from './training/trainer.js';
export type {
  EvaluateRequest,
  EvaluationMetrics,
  OptimizerName,
  TrainConfig,
  TrainRequest,
  TrainResult,
} from './training/trainer.js';
export { TrainingHost } from './training/training-host.js';
export type {
  SendOptions,
  TrainingHostOptions,
  TrainingHostState,
} from './training/training-host.js';
export type {
  DatasetSummary,
  HostEvaluateRequest,
  HostTrainRequest,
} from './training/training-protocol.js';
export { createDemoModel } from './training/demo-models.js';
export type { DemoModelKind, DemoModelOptions, ModelSpec } from './training/demo-models.js';

export { exampleSize, splitSize, validateDataset } from './data/dataset.js';
export type {
  Dataset,
  DatasetExpectation,
  DatasetSplit,
  LabelArray,
  ValidateDatasetOptions,
} from './data/dataset.js';
export { gatherExamples, splitDataset } from './data/split-dataset.js';
export type { SplitOptions } from './data/split-dataset.js';
export { createRng, permutation } from './data/seeded-random.js';
export type { Rng } from './data/seeded-random.js';
export { DATASET_FORMATS, parseDatasetConfig } from './data/dataset-config.js';
export type {
  DatasetConfig,
  DatasetConfigBase,
  ImageFolderDatasetConfig,
  MnistDatasetConfig,
  ParseDatasetConfigOptions,
  TabularDatasetConfig,
} from './data/dataset-config.js';
export { loadDataset } from './data/load-dataset.js';
export { loadCsvDataset } from './data/csv-dataset.js';
export { loadJsonlDataset } from './data/jsonl-dataset.js';
export { loadImageFolderDataset } from './data/image-folder-dataset.js';
export { loadMnistShard, loadMnistTest, MNIST_TEST_PER_CLASS } from './data/mnist-shard.js';
export type { LabelledTestSet, MnistShardOptions, MnistTestOptions } from './data/mnist-shard.js';

export {
  DEFAULT_ALLOWED_LAYERS,
  REGION_POLICY_VERSION,
  parseRegionPolicy,
} from './policy/region-policy.js';
export type {
  ModelLimits,
  ParseRegionPolicyOptions,
  RegionPolicy,
  RoundLimits,
  TrainingLimits,
  TrustConfig,
} from './policy/region-policy.js';
export {
  MAX_POLICY_FILE_BYTES,
  loadRegionPolicy,
  loadTrustBundle,
} from './policy/load-region-policy.js';
export type {
  LoadRegionPolicyOptions,
  RegionCa,
  TrustBundle,
} from './policy/load-region-policy.js';
export {
  MAX_TOPOLOGY_JSON_CHARS,
  checkSurvivorSet,
  evaluateRound,
} from './policy/evaluate-round.js';
export type {
  PolicyAccepted,
  PolicyDecision,
  PolicyRefused,
  RoundConfigUnderReview,
  RoundUnderReview,
  SpecUnderReview,
} from './policy/evaluate-round.js';
export { checkOwnerPattern, ownerAllowed } from './policy/owner-pattern.js';
export {
  WORKER_BACKENDS,
  WORKER_CONFIG_SCHEMA,
  WORKER_LOG_LEVELS,
  parseWorkerConfig,
} from './worker-config.js';
export type {
  InsecureConnection,
  TlsConnection,
  WorkerBackend,
  WorkerConfig,
  WorkerLogLevel,
} from './worker-config.js';

export {
  CHUNK_BYTES,
  INSECURE_IDENTITY_HEADER,
  WORKER_PROTOCOL_VERSION,
  Worker,
} from './runtime/worker.js';
export type {
  RoundActivity,
  WorkerInsecureCredentials,
  WorkerOptions,
  WorkerState,
  WorkerTlsCredentials,
} from './runtime/worker.js';
export { Backoff } from './runtime/backoff.js';
export type { BackoffOptions } from './runtime/backoff.js';
export { RevealStore } from './runtime/reveal-store.js';
export {
  AttemptPeers,
  MAX_PEER_CHAIN_LENGTH,
  PeerVerifier,
  UntrustedPeerError,
  signatureDigest,
  workerSpiffeId,
} from './runtime/peer-verifier.js';
export type {
  AdmittedPeer,
  PeerAdmission,
  PeerIdentityInput,
  PeerVerifierOptions,
} from './runtime/peer-verifier.js';
export { loadTlsIdentity, loadWorkerCertificate } from './runtime/worker-certificate.js';
export type { TlsFiles, TlsIdentity, WorkerCertificate } from './runtime/worker-certificate.js';
export { egressInterceptor } from './runtime/egress-interceptor.js';
export type { EgressRecord } from './runtime/egress-interceptor.js';
export { WorkerMetrics } from './runtime/worker-metrics.js';
export { startHealthServer } from './runtime/health-server.js';
export type { HealthServer, HealthServerOptions } from './runtime/health-server.js';
export { loadWorkerConfig, main } from './main.js';
