// Original file: protos/fedra/v1/fleet.proto

import type { SetupMessage as _fedra_v1_SetupMessage, SetupMessage__Output as _fedra_v1_SetupMessage__Output } from '../../fedra/v1/SetupMessage.js';

/**
 * SubmitSetup's request.
 */
export interface SubmitSetupRequest {
  /**
   * The worker's signed public keys; header.stage is STAGE_SETUP.
   */
  'setup'?: (_fedra_v1_SetupMessage | null);
}

/**
 * SubmitSetup's request.
 */
export interface SubmitSetupRequest__Output {
  /**
   * The worker's signed public keys; header.stage is STAGE_SETUP.
   */
  'setup': (_fedra_v1_SetupMessage__Output | null);
}
