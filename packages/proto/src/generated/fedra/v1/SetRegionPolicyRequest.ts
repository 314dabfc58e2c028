// Original file: protos/fedra/v1/admin.proto

import type { RegionPolicy as _fedra_v1_RegionPolicy, RegionPolicy__Output as _fedra_v1_RegionPolicy__Output } from '../../fedra/v1/RegionPolicy.js';
import type { Long } from '@grpc/proto-loader';

/**
 * SetRegionPolicy's request.
 */
export interface SetRegionPolicyRequest {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId'?: (string);
  /**
   * The new policy; revision, update_time and updated_by are ignored (the
   * coordinator sets them).
   */
  'policy'?: (_fedra_v1_RegionPolicy | null);
  /**
   * When non-zero, the write fails with ABORTED unless the stored revision
   * equals it, so two admins editing at once do not overwrite each other.
   */
  'expectedRevision'?: (number | string | Long);
}

/**
 * SetRegionPolicy's request.
 */
export interface SetRegionPolicyRequest__Output {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId': (string);
  /**
   * The new policy; revision, update_time and updated_by are ignored (the
   * coordinator sets them).
   */
  'policy': (_fedra_v1_RegionPolicy__Output | null);
  /**
   * When non-zero, the write fails with ABORTED unless the stored revision
   * equals it, so two admins editing at once do not overwrite each other.
   */
  'expectedRevision': (number);
}
