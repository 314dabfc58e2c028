// Original file: protos/fedra/v1/spec.proto


/**
 * Plain federated averaging; it has no parameters.
 */
export interface FedAvgStrategy {
}

/**
 * Plain federated averaging; it has no parameters.
 */
export interface FedAvgStrategy__Output {
}
