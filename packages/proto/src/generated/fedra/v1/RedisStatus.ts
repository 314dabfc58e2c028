// Original file: protos/fedra/v1/admin.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The health of the Redis that holds all coordinator state.
 */
export interface RedisStatus {
  /**
   * True when the answering replica reached Redis.
   */
  'reachable'?: (boolean);
  /**
   * Deployment mode: "standalone", "sentinel" or "cluster".
   */
  'mode'?: (string);
  /**
   * The Redis server version.
   */
  'version'?: (string);
  /**
   * Memory Redis reports as used, in bytes.
   */
  'usedMemoryBytes'?: (number | string | Long);
  /**
   * Round-trip time of a PING from the answering replica.
   */
  'pingLatency'?: (_google_protobuf_Duration | null);
}

/**
 * The health of the Redis that holds all coordinator state.
 */
export interface RedisStatus__Output {
  /**
   * True when the answering replica reached Redis.
   */
  'reachable': (boolean);
  /**
   * Deployment mode: "standalone", "sentinel" or "cluster".
   */
  'mode': (string);
  /**
   * The Redis server version.
   */
  'version': (string);
  /**
   * Memory Redis reports as used, in bytes.
   */
  'usedMemoryBytes': (number);
  /**
   * Round-trip time of a PING from the answering replica.
   */
  'pingLatency': (_google_protobuf_Duration__Output | null);
}
