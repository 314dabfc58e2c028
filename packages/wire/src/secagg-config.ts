/**
 * The secure-aggregation config of an attempt, derived from its decoded
 * RoundConfig. The coordinator and every participant must build it the same
 * way (the config hash every signature binds is part of it), so there is
 * exactly one derivation.
 *
 * @module
 */
import type { RoundConfigOutput } from '@fedra/proto';
import { createSecAggConfig } from '@fedra/secagg';
import type { SecAggConfig } from '@fedra/secagg';

/**
 * The secure-aggregation config of an attempt from its decoded RoundConfig
 * and the hash of its bytes.
 *
 * @param nMax - the experiment's largest cohort (its target participants),
 *   for the overflow check; the attempt's own cohort is used if larger.
 * @throws as `createSecAggConfig` (INVALID_ARGUMENT naming the field, LANE_OVERFLOW).
 */
export function secAggConfigFromRoundConfig(
  config: RoundConfigOutput,
  configHash: Uint8Array,
  nMax: number,
): SecAggConfig {
  return createSecAggConfig({
    protocolVersion: config.protocolVersion,
    suite: config.secaggSuite,
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    participants: config.participants.map((p) => p.workerId),
    k: config.k,
    t: config.t,
    graphSeed: new Uint8Array(config.graphSeed),
    lanes: config.lanes.map((lane) => ({
      name: lane.name,
      length: lane.length,
      bound: lane.bound,
      scale: lane.scale,
    })),
    nMax: Math.max(nMax, config.participants.length),
    configHash: new Uint8Array(configHash),
  });
}
