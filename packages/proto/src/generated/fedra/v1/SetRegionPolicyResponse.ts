// Original file: protos/fedra/v1/admin.proto

import type { RegionPolicy as _fedra_v1_RegionPolicy, RegionPolicy__Output as _fedra_v1_RegionPolicy__Output } from '../../fedra/v1/RegionPolicy.js';

/**
 * SetRegionPolicy's response.
 */
export interface SetRegionPolicyResponse {
  /**
   * The stored policy with its new revision.
   */
  'policy'?: (_fedra_v1_RegionPolicy | null);
}

/**
 * SetRegionPolicy's response.
 */
export interface SetRegionPolicyResponse__Output {
  /**
   * The stored policy with its new revision.
   */
  'policy': (_fedra_v1_RegionPolicy__Output | null);
}
