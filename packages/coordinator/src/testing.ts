/**
 * `@fedra/coordinator/testing`: helpers for tests outside this package,
 * never for production. A throw-away PKI in Fedra's certificate profile
 * (`identity/testing.ts`), and {@link JsonLogChild} for tests that run
 * Fedra processes (coordinators, workers) as real children and wait on
 * what they log.
 *
 * @module
 */
export * from './identity/testing.js';
export * from './services/testing/json-log-child.js';
