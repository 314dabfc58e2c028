// Original file: protos/fedra/v1/fleet.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';

/**
 * Register's response: who the coordinator thinks the worker is, and how to
 * stay connected.
 */
export interface RegisterResponse {
  /**
   * The worker id from the client certificate.
   */
  'workerId'?: (string);
  /**
   * The region from the client certificate.
   */
  'region'?: (string);
  /**
   * Opaque id of this registration. Heartbeat and StreamTasks carry it; a
   * call with an older session's id is refused with SESSION_NOT_FOUND, so the
   * worker calls Register again. A new session does not drop the worker from
   * the attempts it takes part in: a worker re-registers on every reconnect
   * and carries on with its attempts; one that restarted and lost its round
   * keys misses the next stage deadline and is dropped then.
   */
  'sessionId'?: (string);
  /**
   * How often to call Heartbeat.
   */
  'heartbeatInterval'?: (_google_protobuf_Duration | null);
  /**
   * The protocol version the coordinator runs; equal to the worker's, or
   * Register would have failed.
   */
  'protocolVersion'?: (number);
  /**
   * The secure-aggregation suites the coordinator accepted from the worker's
   * list, in the worker's order.
   */
  'secaggSuites'?: (string)[];
}

/**
 * Register's response: who the coordinator thinks the worker is, and how to
 * stay connected.
 */
export interface RegisterResponse__Output {
  /**
   * The worker id from the client certificate.
   */
  'workerId': (string);
  /**
   * The region from the client certificate.
   */
  'region': (string);
  /**
   * Opaque id of this registration. Heartbeat and StreamTasks carry it; a
   * call with an older session's id is refused with SESSION_NOT_FOUND, so the
   * worker calls Register again. A new session does not drop the worker from
   * the attempts it takes part in: a worker re-registers on every reconnect
   * and carries on with its attempts; one that restarted and lost its round
   * keys misses the next stage deadline and is dropped then.
   */
  'sessionId': (string);
  /**
   * How often to call Heartbeat.
   */
  'heartbeatInterval': (_google_protobuf_Duration__Output | null);
  /**
   * The protocol version the coordinator runs; equal to the worker's, or
   * Register would have failed.
   */
  'protocolVersion': (number);
  /**
   * The secure-aggregation suites the coordinator accepted from the worker's
   * list, in the worker's order.
   */
  'secaggSuites': (string)[];
}
