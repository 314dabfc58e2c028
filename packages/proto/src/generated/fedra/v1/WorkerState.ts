// Original file: protos/fedra/v1/admin.proto

/**
 * A worker's connection state as the coordinator sees it.
 */
export const WorkerState = {
  /**
   * Not set; as a list filter it matches nothing.
   */
  WORKER_STATE_UNSPECIFIED: 'WORKER_STATE_UNSPECIFIED',
  /**
   * Registered with an open task stream and recent heartbeats; selectable.
   */
  WORKER_STATE_ONLINE: 'WORKER_STATE_ONLINE',
  /**
   * Registered, but its task stream is closed or its heartbeats stopped; not
   * selectable until it reconnects.
   */
  WORKER_STATE_OFFLINE: 'WORKER_STATE_OFFLINE',
  /**
   * Finishing its current attempts; not selectable.
   */
  WORKER_STATE_DRAINING: 'WORKER_STATE_DRAINING',
  /**
   * Evicted by an admin; not selectable until it registers again.
   */
  WORKER_STATE_EVICTED: 'WORKER_STATE_EVICTED',
} as const;

/**
 * A worker's connection state as the coordinator sees it.
 */
export type WorkerState =
  /**
   * Not set; as a list filter it matches nothing.
   */
  | 'WORKER_STATE_UNSPECIFIED'
  | 0
  /**
   * Registered with an open task stream and recent heartbeats; selectable.
   */
  | 'WORKER_STATE_ONLINE'
  | 1
  /**
   * Registered, but its task stream is closed or its heartbeats stopped; not
   * selectable until it reconnects.
   */
  | 'WORKER_STATE_OFFLINE'
  | 2
  /**
   * Finishing its current attempts; not selectable.
   */
  | 'WORKER_STATE_DRAINING'
  | 3
  /**
   * Evicted by an admin; not selectable until it registers again.
   */
  | 'WORKER_STATE_EVICTED'
  | 4

/**
 * A worker's connection state as the coordinator sees it.
 */
export type WorkerState__Output = typeof WorkerState[keyof typeof WorkerState]
