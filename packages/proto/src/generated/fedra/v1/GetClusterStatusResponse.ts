// Original file: protos/fedra/v1/admin.proto

import type { ReplicaStatus as _fedra_v1_ReplicaStatus, ReplicaStatus__Output as _fedra_v1_ReplicaStatus__Output } from '../../fedra/v1/ReplicaStatus.js';
import type { RedisStatus as _fedra_v1_RedisStatus, RedisStatus__Output as _fedra_v1_RedisStatus__Output } from '../../fedra/v1/RedisStatus.js';
import type { QueueStatus as _fedra_v1_QueueStatus, QueueStatus__Output as _fedra_v1_QueueStatus__Output } from '../../fedra/v1/QueueStatus.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * GetClusterStatus' response.
 */
export interface GetClusterStatusResponse {
  /**
   * Every live coordinator replica.
   */
  'replicas'?: (_fedra_v1_ReplicaStatus)[];
  /**
   * Redis health.
   */
  'redis'?: (_fedra_v1_RedisStatus | null);
  /**
   * Every job queue's depths.
   */
  'queues'?: (_fedra_v1_QueueStatus)[];
  /**
   * Workers online across all replicas.
   */
  'onlineWorkers'?: (number);
  /**
   * Experiments in state RUNNING.
   */
  'runningExperiments'?: (number);
  /**
   * When the answering replica assembled this status.
   */
  'statusTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * GetClusterStatus' response.
 */
export interface GetClusterStatusResponse__Output {
  /**
   * Every live coordinator replica.
   */
  'replicas': (_fedra_v1_ReplicaStatus__Output)[];
  /**
   * Redis health.
   */
  'redis': (_fedra_v1_RedisStatus__Output | null);
  /**
   * Every job queue's depths.
   */
  'queues': (_fedra_v1_QueueStatus__Output)[];
  /**
   * Workers online across all replicas.
   */
  'onlineWorkers': (number);
  /**
   * Experiments in state RUNNING.
   */
  'runningExperiments': (number);
  /**
   * When the answering replica assembled this status.
   */
  'statusTime': (_google_protobuf_Timestamp__Output | null);
}
