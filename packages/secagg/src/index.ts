/**
 * `@fedra/secagg`: SecAgg+ secure aggregation (Bonawitz et al. 2017 with the
 * consistency check against an active server; Bell et al. 2020 for the
 * neighbour graph), on `node:crypto` only. Pure: no I/O, no gRPC, Redis or
 * tfjs. The coordinator drives an {@link AggregatorSession}; each worker
 * drives a {@link ParticipantSession}; the messages between them are plain
 * objects (see `messages.ts`).
 *
 * @example
 * ```ts
 * import { AggregatorSession, ParticipantSession, createSecAggConfig } from '@fedra/secagg';
 *
 * const config = createSecAggConfig({
 *   experimentId: 'exp-1', roundNumber: 1, attempt: 1,
 *   participants: ['a', 'b', 'c', 'd'], k: 3, t: 3,
 *   graphSeed, configHash,
 *   lanes: [{ name: 'delta', length: 1000, bound: 1, scale: 2 ** 20 }, { name: 'weight', length: 1, bound: 100, scale: 1 }],
 * });
 * const worker = ParticipantSession.create({ config, signer, verifier });
 * const coordinator = AggregatorSession.create({ config, verifier });
 * await coordinator.receiveSetup(await worker.setup());
 * // ... see the package README for the whole flow
 * ```
 *
 * @module
 */
export * from './aggregator-session.js';
export * from './config.js';
export * from './errors.js';
export * from './fixed-point.js';
export * from './identity.js';
export * from './kdf.js';
export * from './key-agreement.js';
export * from './mask-prg.js';
export * from './messages.js';
export * from './neighbours.js';
export * from './participant-session.js';
export * from './reveal-record.js';
export * from './shamir.js';
export * from './simulation.js';
export * from './share-cipher.js';
export * from './signatures.js';
export * from './stage.js';
export * from './mask-plan.js';
export * from './vector-math.js';
