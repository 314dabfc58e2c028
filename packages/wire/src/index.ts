/**
 * `@fedra/wire`: the one place where `@fedra/secagg`'s plain messages meet
 * the fedra.v1 wire types, shared by the coordinator and the worker (which
 * may not import each other). It holds:
 *
 * - the RoundConfig and ExperimentSpec bytes codec (`message-codec.ts`): the
 *   coordinator encodes and hashes, participants decode and re-hash;
 * - {@link secAggConfigFromRoundConfig}: the attempt's secagg config, built
 *   alike on both sides;
 * - stage, header and message conversions (`secagg-wire.ts`);
 * - {@link payloadChunks}: a payload as the `Chunk` messages every upload sends.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import {
 *   decodeExperimentSpec,
 *   decodeRoundConfig,
 *   secAggConfigFromRoundConfig,
 *   setupToWire,
 * } from '@fedra/wire';
 *
 * const config = decodeRoundConfig(signed.roundConfig);
 * const spec = decodeExperimentSpec(invitation.spec);
 * const hash = createHash('sha256').update(signed.roundConfig).digest();
 * const secagg = secAggConfigFromRoundConfig(config, hash, spec.targetParticipants);
 * const session = ParticipantSession.create({ config: secagg, signer, verifier });
 * client.submitSetup({ setup: setupToWire(await session.setup()) }, callback);
 * ```
 *
 * @module
 */
export * from './chunks.js';
export * from './message-codec.js';
export * from './secagg-config.js';
export * from './secagg-wire.js';
