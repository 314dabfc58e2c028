// Original file: protos/fedra/v1/fleet.proto

/**
 * The TensorFlow.js backend a worker trains on, best first.
 */
export const TrainingBackend = {
  /**
   * Not reported.
   */
  TRAINING_BACKEND_UNSPECIFIED: 'TRAINING_BACKEND_UNSPECIFIED',
  /**
   * @tensorflow/tfjs-node-gpu (CUDA).
   */
  TRAINING_BACKEND_TFJS_NODE_GPU: 'TRAINING_BACKEND_TFJS_NODE_GPU',
  /**
   * @tensorflow/tfjs-node (native libtensorflow on the CPU).
   */
  TRAINING_BACKEND_TFJS_NODE: 'TRAINING_BACKEND_TFJS_NODE',
  /**
   * @tensorflow/tfjs-backend-wasm (WebAssembly, SIMD where available).
   */
  TRAINING_BACKEND_TFJS_WASM: 'TRAINING_BACKEND_TFJS_WASM',
  /**
   * The pure-JavaScript cpu backend; slowest.
   */
  TRAINING_BACKEND_TFJS_CPU: 'TRAINING_BACKEND_TFJS_CPU',
} as const;

/**
 * The TensorFlow.js backend a worker trains on, best first.
 */
export type TrainingBackend =
  /**
   * Not reported.
   */
  | 'TRAINING_BACKEND_UNSPECIFIED'
  | 0
  /**
   * @tensorflow/tfjs-node-gpu (CUDA).
   */
  | 'TRAINING_BACKEND_TFJS_NODE_GPU'
  | 1
  /**
   * @tensorflow/tfjs-node (native libtensorflow on the CPU).
   */
  | 'TRAINING_BACKEND_TFJS_NODE'
  | 2
  /**
   * @tensorflow/tfjs-backend-wasm (WebAssembly, SIMD where available).
   */
  | 'TRAINING_BACKEND_TFJS_WASM'
  | 3
  /**
   * The pure-JavaScript cpu backend; slowest.
   */
  | 'TRAINING_BACKEND_TFJS_CPU'
  | 4

/**
 * The TensorFlow.js backend a worker trains on, best first.
 */
export type TrainingBackend__Output = typeof TrainingBackend[keyof typeof TrainingBackend]
