// Original file: protos/fedra/v1/spec.proto

/**
 * The optimizer a participant uses for local training.
 */
export const LocalOptimizer = {
  /**
   * Not set; the spec is rejected.
   */
  LOCAL_OPTIMIZER_UNSPECIFIED: 'LOCAL_OPTIMIZER_UNSPECIFIED',
  /**
   * Plain stochastic gradient descent.
   */
  LOCAL_OPTIMIZER_SGD: 'LOCAL_OPTIMIZER_SGD',
  /**
   * Adam with TensorFlow.js defaults for beta1, beta2 and epsilon.
   */
  LOCAL_OPTIMIZER_ADAM: 'LOCAL_OPTIMIZER_ADAM',
  /**
   * RMSProp with TensorFlow.js defaults.
   */
  LOCAL_OPTIMIZER_RMSPROP: 'LOCAL_OPTIMIZER_RMSPROP',
} as const;

/**
 * The optimizer a participant uses for local training.
 */
export type LocalOptimizer =
  /**
   * Not set; the spec is rejected.
   */
  | 'LOCAL_OPTIMIZER_UNSPECIFIED'
  | 0
  /**
   * Plain stochastic gradient descent.
   */
  | 'LOCAL_OPTIMIZER_SGD'
  | 1
  /**
   * Adam with TensorFlow.js defaults for beta1, beta2 and epsilon.
   */
  | 'LOCAL_OPTIMIZER_ADAM'
  | 2
  /**
   * RMSProp with TensorFlow.js defaults.
   */
  | 'LOCAL_OPTIMIZER_RMSPROP'
  | 3

/**
 * The optimizer a participant uses for local training.
 */
export type LocalOptimizer__Output = typeof LocalOptimizer[keyof typeof LocalOptimizer]
