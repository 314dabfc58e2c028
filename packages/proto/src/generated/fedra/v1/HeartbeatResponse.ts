// Original file: protos/fedra/v1/fleet.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';

/**
 * Heartbeat's response.
 */
export interface HeartbeatResponse {
  /**
   * When to send the next heartbeat; the coordinator may change it.
   */
  'heartbeatInterval'?: (_google_protobuf_Duration | null);
}

/**
 * Heartbeat's response.
 */
export interface HeartbeatResponse__Output {
  /**
   * When to send the next heartbeat; the coordinator may change it.
   */
  'heartbeatInterval': (_google_protobuf_Duration__Output | null);
}
