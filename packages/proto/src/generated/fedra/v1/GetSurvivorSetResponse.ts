// Original file: protos/fedra/v1/fleet.proto

import type { ConsistencyRequest as _fedra_v1_ConsistencyRequest, ConsistencyRequest__Output as _fedra_v1_ConsistencyRequest__Output } from '../../fedra/v1/ConsistencyRequest.js';

/**
 * GetSurvivorSet's response.
 */
export interface GetSurvivorSetResponse {
  /**
   * The survivor set to check and sign.
   */
  'request'?: (_fedra_v1_ConsistencyRequest | null);
}

/**
 * GetSurvivorSet's response.
 */
export interface GetSurvivorSetResponse__Output {
  /**
   * The survivor set to check and sign.
   */
  'request': (_fedra_v1_ConsistencyRequest__Output | null);
}
