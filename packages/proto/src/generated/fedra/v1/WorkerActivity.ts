// Original file: protos/fedra/v1/fleet.proto

/**
 * What a worker is doing, as it reports in each heartbeat.
 */
export const WorkerActivity = {
  /**
   * Not reported.
   */
  WORKER_ACTIVITY_UNSPECIFIED: 'WORKER_ACTIVITY_UNSPECIFIED',
  /**
   * Connected and waiting for tasks.
   */
  WORKER_ACTIVITY_IDLE: 'WORKER_ACTIVITY_IDLE',
  /**
   * Taking part in one or more round attempts.
   */
  WORKER_ACTIVITY_BUSY: 'WORKER_ACTIVITY_BUSY',
  /**
   * Finishing current attempts, taking no new ones.
   */
  WORKER_ACTIVITY_DRAINING: 'WORKER_ACTIVITY_DRAINING',
} as const;

/**
 * What a worker is doing, as it reports in each heartbeat.
 */
export type WorkerActivity =
  /**
   * Not reported.
   */
  | 'WORKER_ACTIVITY_UNSPECIFIED'
  | 0
  /**
   * Connected and waiting for tasks.
   */
  | 'WORKER_ACTIVITY_IDLE'
  | 1
  /**
   * Taking part in one or more round attempts.
   */
  | 'WORKER_ACTIVITY_BUSY'
  | 2
  /**
   * Finishing current attempts, taking no new ones.
   */
  | 'WORKER_ACTIVITY_DRAINING'
  | 3

/**
 * What a worker is doing, as it reports in each heartbeat.
 */
export type WorkerActivity__Output = typeof WorkerActivity[keyof typeof WorkerActivity]
