// Original file: protos/fedra/v1/spec.proto


/**
 * Parameters of the adaptive server optimizers FedAdam, FedYogi and FedAdagrad.
 */
export interface AdaptiveStrategy {
  /**
   * Server learning rate (> 0).
   */
  'serverLearningRate'?: (number | string);
  /**
   * First-moment decay in [0, 1).
   */
  'beta1'?: (number | string);
  /**
   * Second-moment decay in [0, 1); FedAdagrad ignores it.
   */
  'beta2'?: (number | string);
  /**
   * Adaptivity (epsilon-like) term tau (> 0).
   */
  'tau'?: (number | string);
}

/**
 * Parameters of the adaptive server optimizers FedAdam, FedYogi and FedAdagrad.
 */
export interface AdaptiveStrategy__Output {
  /**
   * Server learning rate (> 0).
   */
  'serverLearningRate': (number);
  /**
   * First-moment decay in [0, 1).
   */
  'beta1': (number);
  /**
   * Second-moment decay in [0, 1); FedAdagrad ignores it.
   */
  'beta2': (number);
  /**
   * Adaptivity (epsilon-like) term tau (> 0).
   */
  'tau': (number);
}
