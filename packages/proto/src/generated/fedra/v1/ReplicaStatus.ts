// Original file: protos/fedra/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * One coordinator replica.
 */
export interface ReplicaStatus {
  /**
   * The replica's id (by default its host name and process id).
   */
  'replicaId'?: (string);
  /**
   * The coordinator software version it runs.
   */
  'version'?: (string);
  /**
   * When it started.
   */
  'startTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When it last reported in; a replica that stops reporting drops off the
   * list.
   */
  'lastSeenTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Workers whose task streams it holds.
   */
  'connectedWorkers'?: (number);
  /**
   * Round jobs it is running now.
   */
  'activeJobs'?: (number);
}

/**
 * One coordinator replica.
 */
export interface ReplicaStatus__Output {
  /**
   * The replica's id (by default its host name and process id).
   */
  'replicaId': (string);
  /**
   * The coordinator software version it runs.
   */
  'version': (string);
  /**
   * When it started.
   */
  'startTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When it last reported in; a replica that stops reporting drops off the
   * list.
   */
  'lastSeenTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Workers whose task streams it holds.
   */
  'connectedWorkers': (number);
  /**
   * Round jobs it is running now.
   */
  'activeJobs': (number);
}
