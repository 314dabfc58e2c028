// Original file: protos/fedra/v1/fleet.proto

import type { ConsistencyResponse as _fedra_v1_ConsistencyResponse, ConsistencyResponse__Output as _fedra_v1_ConsistencyResponse__Output } from '../../fedra/v1/ConsistencyResponse.js';

/**
 * SubmitSurvivorSignature's request.
 */
export interface SubmitSurvivorSignatureRequest {
  /**
   * The worker's signature over the survivor set; header.stage is
   * STAGE_CONSISTENCY_CHECK.
   */
  'signature'?: (_fedra_v1_ConsistencyResponse | null);
}

/**
 * SubmitSurvivorSignature's request.
 */
export interface SubmitSurvivorSignatureRequest__Output {
  /**
   * The worker's signature over the survivor set; header.stage is
   * STAGE_CONSISTENCY_CHECK.
   */
  'signature': (_fedra_v1_ConsistencyResponse__Output | null);
}
