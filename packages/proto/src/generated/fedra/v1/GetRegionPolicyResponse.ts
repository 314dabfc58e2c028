// Original file: protos/fedra/v1/admin.proto

import type { RegionPolicy as _fedra_v1_RegionPolicy, RegionPolicy__Output as _fedra_v1_RegionPolicy__Output } from '../../fedra/v1/RegionPolicy.js';

/**
 * GetRegionPolicy's response.
 */
export interface GetRegionPolicyResponse {
  /**
   * The policy; a region never configured returns the default (enabled, no
   * limit, revision 0).
   */
  'policy'?: (_fedra_v1_RegionPolicy | null);
}

/**
 * GetRegionPolicy's response.
 */
export interface GetRegionPolicyResponse__Output {
  /**
   * The policy; a region never configured returns the default (enabled, no
   * limit, revision 0).
   */
  'policy': (_fedra_v1_RegionPolicy__Output | null);
}
