// Original file: protos/fedra/v1/fleet.proto

import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from '../../fedra/v1/SignedRoundConfig.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * An invitation into a round attempt. The worker verifies the config, checks
 * it and the spec against its region's policy, and then either submits its
 * setup keys or reports a refusal.
 */
export interface RoundInvitation {
  /**
   * The attempt's RoundConfig as the coordinator signed it.
   */
  'roundConfig'?: (_fedra_v1_SignedRoundConfig | null);
  /**
   * The serialized fedra.v1.ExperimentSpec whose SHA-256 is the config's
   * spec_sha256: model topology and training settings, for the policy check.
   */
  'spec'?: (Buffer | Uint8Array | string);
  /**
   * Time left until the setup deadline when the task was sent; measure it
   * with a monotonic clock.
   */
  'remaining'?: (_google_protobuf_Duration | null);
  /**
   * The setup deadline on the coordinator's clock, for display.
   */
  'deadline'?: (_google_protobuf_Timestamp | null);
}

/**
 * An invitation into a round attempt. The worker verifies the config, checks
 * it and the spec against its region's policy, and then either submits its
 * setup keys or reports a refusal.
 */
export interface RoundInvitation__Output {
  /**
   * The attempt's RoundConfig as the coordinator signed it.
   */
  'roundConfig': (_fedra_v1_SignedRoundConfig__Output | null);
  /**
   * The serialized fedra.v1.ExperimentSpec whose SHA-256 is the config's
   * spec_sha256: model topology and training settings, for the policy check.
   */
  'spec': (Buffer);
  /**
   * Time left until the setup deadline when the task was sent; measure it
   * with a monotonic clock.
   */
  'remaining': (_google_protobuf_Duration__Output | null);
  /**
   * The setup deadline on the coordinator's clock, for display.
   */
  'deadline': (_google_protobuf_Timestamp__Output | null);
}
