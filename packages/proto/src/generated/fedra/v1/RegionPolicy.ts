// Original file: protos/fedra/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The coordinator's side of a region's rules: whether and how much the
 * region is selected. The region's own worker policy still decides what may
 * train on its data; this cannot loosen it.
 */
export interface RegionPolicy {
  /**
   * The region this policy applies to.
   */
  'region'?: (string);
  /**
   * When false, no worker of the region is selected into new rounds.
   */
  'enabled'?: (boolean);
  /**
   * Most participants a round may take from this region, on top of the
   * experiment's quotas; 0 means no limit.
   */
  'maxParticipantsPerRound'?: (number);
  /**
   * Free-form note for other admins (why the region is paused, who to call).
   */
  'note'?: (string);
  /**
   * Incremented on every change; pass it as expected_revision to update
   * safely.
   */
  'revision'?: (number | string | Long);
  /**
   * When it was last changed.
   */
  'updateTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Identity (SPIFFE id) of the admin who last changed it.
   */
  'updatedBy'?: (string);
}

/**
 * The coordinator's side of a region's rules: whether and how much the
 * region is selected. The region's own worker policy still decides what may
 * train on its data; this cannot loosen it.
 */
export interface RegionPolicy__Output {
  /**
   * The region this policy applies to.
   */
  'region': (string);
  /**
   * When false, no worker of the region is selected into new rounds.
   */
  'enabled': (boolean);
  /**
   * Most participants a round may take from this region, on top of the
   * experiment's quotas; 0 means no limit.
   */
  'maxParticipantsPerRound': (number);
  /**
   * Free-form note for other admins (why the region is paused, who to call).
   */
  'note': (string);
  /**
   * Incremented on every change; pass it as expected_revision to update
   * safely.
   */
  'revision': (number);
  /**
   * When it was last changed.
   */
  'updateTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Identity (SPIFFE id) of the admin who last changed it.
   */
  'updatedBy': (string);
}
