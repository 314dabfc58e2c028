/**
 * `@fedra/cli`: the `fedra` command line. Today it holds the local demo:
 * {@link runDemo} starts a coordinator (insecure mode, real Redis, a fresh
 * key prefix) and regional workers on non-IID MNIST shards, runs securely
 * aggregated rounds, and reports each round's held-out accuracy. `pnpm demo`
 * (`src/demo-main.ts`) narrates it.
 *
 * @example
 * ```ts
 * import { runDemo } from '@fedra/cli';
 *
 * const { rounds } = await runDemo({ workers: 3, rounds: 3, onProgress: (e) => console.log(e.type) });
 * console.log(rounds.map((r) => r.accuracy)); // rising, e.g. [0.81, 0.87, 0.88]
 * ```
 *
 * @module
 */
export { DEMO_REGIONS, checkRedis, runDemo, shardDigits } from './demo.js';
// Lives in @fedra/coordinator (its test fixture uses it too); re-exported for the e2e tests.
export { LOCAL_COORDINATOR_TIMINGS } from '@fedra/coordinator';
export type { DemoEvent, DemoOptions, DemoResult, DemoRound, DemoWorker } from './demo.js';
export {
  DEMO_CLIPPING_BOUND,
  DEMO_MAX_EXAMPLE_WEIGHT,
  createExperiment,
  demoExperimentSpec,
  downloadModelVersion,
  insecureMetadata,
  unary,
} from './scientist-client.js';
/** Re-exported from `@fedra/coordinator`, which owns the key layout. */
export { deleteKeysWithPrefix } from '@fedra/coordinator';
