/**
 * `@fedra/common`: the pure core every Fedra package shares.
 *
 * @module
 */
export * from './errors.js';
