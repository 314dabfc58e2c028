// Original file: protos/fedra/v1/admin.proto

/**
 * What an audit record records.
 */
export const AuditAction = {
  /**
   * Not set; as a list filter it matches nothing.
   */
  AUDIT_ACTION_UNSPECIFIED: 'AUDIT_ACTION_UNSPECIFIED',
  /**
   * A data scientist created an experiment.
   */
  AUDIT_ACTION_EXPERIMENT_CREATED: 'AUDIT_ACTION_EXPERIMENT_CREATED',
  /**
   * An experiment was started.
   */
  AUDIT_ACTION_EXPERIMENT_STARTED: 'AUDIT_ACTION_EXPERIMENT_STARTED',
  /**
   * An experiment was cancelled.
   */
  AUDIT_ACTION_EXPERIMENT_CANCELLED: 'AUDIT_ACTION_EXPERIMENT_CANCELLED',
  /**
   * An experiment completed or failed.
   */
  AUDIT_ACTION_EXPERIMENT_FINISHED: 'AUDIT_ACTION_EXPERIMENT_FINISHED',
  /**
   * A round committed a model version.
   */
  AUDIT_ACTION_ROUND_COMMITTED: 'AUDIT_ACTION_ROUND_COMMITTED',
  /**
   * A round attempt was aborted.
   */
  AUDIT_ACTION_ATTEMPT_ABORTED: 'AUDIT_ACTION_ATTEMPT_ABORTED',
  /**
   * A worker refused a round under its region's policy.
   */
  AUDIT_ACTION_PARTICIPANT_REFUSED: 'AUDIT_ACTION_PARTICIPANT_REFUSED',
  /**
   * An admin drained a worker.
   */
  AUDIT_ACTION_WORKER_DRAINED: 'AUDIT_ACTION_WORKER_DRAINED',
  /**
   * An admin evicted a worker.
   */
  AUDIT_ACTION_WORKER_EVICTED: 'AUDIT_ACTION_WORKER_EVICTED',
  /**
   * An admin changed a region policy.
   */
  AUDIT_ACTION_REGION_POLICY_CHANGED: 'AUDIT_ACTION_REGION_POLICY_CHANGED',
} as const;

/**
 * What an audit record records.
 */
export type AuditAction =
  /**
   * Not set; as a list filter it matches nothing.
   */
  | 'AUDIT_ACTION_UNSPECIFIED'
  | 0
  /**
   * A data scientist created an experiment.
   */
  | 'AUDIT_ACTION_EXPERIMENT_CREATED'
  | 1
  /**
   * An experiment was started.
   */
  | 'AUDIT_ACTION_EXPERIMENT_STARTED'
  | 2
  /**
   * An experiment was cancelled.
   */
  | 'AUDIT_ACTION_EXPERIMENT_CANCELLED'
  | 3
  /**
   * An experiment completed or failed.
   */
  | 'AUDIT_ACTION_EXPERIMENT_FINISHED'
  | 4
  /**
   * A round committed a model version.
   */
  | 'AUDIT_ACTION_ROUND_COMMITTED'
  | 5
  /**
   * A round attempt was aborted.
   */
  | 'AUDIT_ACTION_ATTEMPT_ABORTED'
  | 6
  /**
   * A worker refused a round under its region's policy.
   */
  | 'AUDIT_ACTION_PARTICIPANT_REFUSED'
  | 7
  /**
   * An admin drained a worker.
   */
  | 'AUDIT_ACTION_WORKER_DRAINED'
  | 8
  /**
   * An admin evicted a worker.
   */
  | 'AUDIT_ACTION_WORKER_EVICTED'
  | 9
  /**
   * An admin changed a region policy.
   */
  | 'AUDIT_ACTION_REGION_POLICY_CHANGED'
  | 10

/**
 * What an audit record records.
 */
export type AuditAction__Output = typeof AuditAction[keyof typeof AuditAction]
