// Original file: protos/fedra/v1/admin.proto

import type { WorkerState as _fedra_v1_WorkerState, WorkerState__Output as _fedra_v1_WorkerState__Output } from '../../fedra/v1/WorkerState.js';
import type { TrainingBackend as _fedra_v1_TrainingBackend, TrainingBackend__Output as _fedra_v1_TrainingBackend__Output } from '../../fedra/v1/TrainingBackend.js';
import type { DeviceInfo as _fedra_v1_DeviceInfo, DeviceInfo__Output as _fedra_v1_DeviceInfo__Output } from '../../fedra/v1/DeviceInfo.js';
import type { DatasetInfo as _fedra_v1_DatasetInfo, DatasetInfo__Output as _fedra_v1_DatasetInfo__Output } from '../../fedra/v1/DatasetInfo.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';

/**
 * A registered worker.
 */
export interface Worker {
  /**
   * The worker id from its certificate.
   */
  'workerId'?: (string);
  /**
   * The region from its certificate.
   */
  'region'?: (string);
  /**
   * The full SPIFFE id from its certificate.
   */
  'spiffeId'?: (string);
  /**
   * Connection state.
   */
  'state'?: (_fedra_v1_WorkerState);
  /**
   * The current registration's session id.
   */
  'sessionId'?: (string);
  /**
   * The protocol version it registered with.
   */
  'protocolVersion'?: (number);
  /**
   * The secure-aggregation suites it supports.
   */
  'secaggSuites'?: (string)[];
  /**
   * Its training backend.
   */
  'backend'?: (_fedra_v1_TrainingBackend);
  /**
   * Its machine.
   */
  'device'?: (_fedra_v1_DeviceInfo | null);
  /**
   * The datasets it can train on.
   */
  'datasets'?: (_fedra_v1_DatasetInfo)[];
  /**
   * Its software version.
   */
  'workerVersion'?: (string);
  /**
   * When the current session registered.
   */
  'registerTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When its last heartbeat arrived.
   */
  'lastHeartbeatTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The coordinator replica that holds its task stream; empty when offline.
   */
  'replicaId'?: (string);
  /**
   * The round attempts it is taking part in.
   */
  'activeAttempts'?: (_fedra_v1_AttemptRef)[];
  /**
   * When its client certificate expires.
   */
  'certificateExpireTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Why it is draining or was evicted, as the admin wrote it.
   */
  'stateReason'?: (string);
}

/**
 * A registered worker.
 */
export interface Worker__Output {
  /**
   * The worker id from its certificate.
   */
  'workerId': (string);
  /**
   * The region from its certificate.
   */
  'region': (string);
  /**
   * The full SPIFFE id from its certificate.
   */
  'spiffeId': (string);
  /**
   * Connection state.
   */
  'state': (_fedra_v1_WorkerState__Output);
  /**
   * The current registration's session id.
   */
  'sessionId': (string);
  /**
   * The protocol version it registered with.
   */
  'protocolVersion': (number);
  /**
   * The secure-aggregation suites it supports.
   */
  'secaggSuites': (string)[];
  /**
   * Its training backend.
   */
  'backend': (_fedra_v1_TrainingBackend__Output);
  /**
   * Its machine.
   */
  'device': (_fedra_v1_DeviceInfo__Output | null);
  /**
   * The datasets it can train on.
   */
  'datasets': (_fedra_v1_DatasetInfo__Output)[];
  /**
   * Its software version.
   */
  'workerVersion': (string);
  /**
   * When the current session registered.
   */
  'registerTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When its last heartbeat arrived.
   */
  'lastHeartbeatTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The coordinator replica that holds its task stream; empty when offline.
   */
  'replicaId': (string);
  /**
   * The round attempts it is taking part in.
   */
  'activeAttempts': (_fedra_v1_AttemptRef__Output)[];
  /**
   * When its client certificate expires.
   */
  'certificateExpireTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Why it is draining or was evicted, as the admin wrote it.
   */
  'stateReason': (string);
}
