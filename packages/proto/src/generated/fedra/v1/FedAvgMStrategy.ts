// Original file: protos/fedra/v1/spec.proto


/**
 * Federated averaging with server-side momentum (FedAvgM).
 */
export interface FedAvgMStrategy {
  /**
   * Server learning rate applied to the momentum-smoothed update (> 0).
   */
  'serverLearningRate'?: (number | string);
  /**
   * Server momentum in [0, 1).
   */
  'momentum'?: (number | string);
}

/**
 * Federated averaging with server-side momentum (FedAvgM).
 */
export interface FedAvgMStrategy__Output {
  /**
   * Server learning rate applied to the momentum-smoothed update (> 0).
   */
  'serverLearningRate': (number);
  /**
   * Server momentum in [0, 1).
   */
  'momentum': (number);
}
