/**
 * Coordinator settings for a coordinator and its workers in one process (the
 * demo, end-to-end and service tests): short locks and sweeps, since a
 * stalled job there is a bug, not a slow replica; fast heartbeats; no
 * reflection. Spread into `Coordinator.create` options.
 *
 * @module
 */
export const LOCAL_COORDINATOR_TIMINGS = Object.freeze({
  engine: Object.freeze({
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    sweepIntervalMs: 300,
    maxStalledCount: 20,
    closingTimeoutMs: 10_000,
  }),
  heartbeatIntervalMs: 500,
  heartbeatTimeoutMs: 10_000,
  streamBlockMs: 250,
  reflection: false,
});
