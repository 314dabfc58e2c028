// Original file: protos/fedra/v1/fleet.proto

import type { UnmaskResponse as _fedra_v1_UnmaskResponse, UnmaskResponse__Output as _fedra_v1_UnmaskResponse__Output } from '../../fedra/v1/UnmaskResponse.js';

/**
 * SubmitUnmask's request.
 */
export interface SubmitUnmaskRequest {
  /**
   * The revealed shares; header.stage is STAGE_UNMASK.
   */
  'unmask'?: (_fedra_v1_UnmaskResponse | null);
}

/**
 * SubmitUnmask's request.
 */
export interface SubmitUnmaskRequest__Output {
  /**
   * The revealed shares; header.stage is STAGE_UNMASK.
   */
  'unmask': (_fedra_v1_UnmaskResponse__Output | null);
}
