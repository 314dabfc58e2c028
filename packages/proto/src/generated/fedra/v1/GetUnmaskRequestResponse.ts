// Original file: protos/fedra/v1/fleet.proto

import type { UnmaskRequest as _fedra_v1_UnmaskRequest, UnmaskRequest__Output as _fedra_v1_UnmaskRequest__Output } from '../../fedra/v1/UnmaskRequest.js';

/**
 * GetUnmaskRequest's response.
 */
export interface GetUnmaskRequestResponse {
  /**
   * The survivor set and the signatures over it from the caller's neighbours.
   */
  'request'?: (_fedra_v1_UnmaskRequest | null);
}

/**
 * GetUnmaskRequest's response.
 */
export interface GetUnmaskRequestResponse__Output {
  /**
   * The survivor set and the signatures over it from the caller's neighbours.
   */
  'request': (_fedra_v1_UnmaskRequest__Output | null);
}
