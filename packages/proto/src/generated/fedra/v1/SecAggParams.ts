// Original file: protos/fedra/v1/spec.proto


/**
 * Secure-aggregation parameters. Leave both 0 to let the coordinator pick k
 * and t from the number of participants.
 */
export interface SecAggParams {
  /**
   * Neighbours per participant; participants - 1 means classic SecAgg.
   */
  'k'?: (number);
  /**
   * Shamir threshold, 2 <= t <= k and above k/2.
   */
  't'?: (number);
}

/**
 * Secure-aggregation parameters. Leave both 0 to let the coordinator pick k
 * and t from the number of participants.
 */
export interface SecAggParams__Output {
  /**
   * Neighbours per participant; participants - 1 means classic SecAgg.
   */
  'k': (number);
  /**
   * Shamir threshold, 2 <= t <= k and above k/2.
   */
  't': (number);
}
