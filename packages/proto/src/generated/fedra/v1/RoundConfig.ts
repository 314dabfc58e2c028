// Original file: protos/fedra/v1/common.proto

import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from '../../fedra/v1/Participant.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from '../../fedra/v1/LaneSpec.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from '../../fedra/v1/StageDeadlines.js';

/**
 * Everything the participants of one round attempt must agree on. The
 * coordinator serializes it once, hashes and signs those bytes (see
 * SignedRoundConfig), and every participant's secure-aggregation signature
 * binds that hash, so participants shown different configs reject each other.
 */
export interface RoundConfig {
  /**
   * Fedra wire protocol version the attempt runs (currently 1). A worker
   * refuses versions it does not speak.
   */
  'protocolVersion'?: (number);
  /**
   * The secure-aggregation suite (key agreement, KDF, ciphers, secret
   * sharing), one of the suites every participant listed at Register.
   */
  'secaggSuite'?: (string);
  /**
   * The experiment this round belongs to.
   */
  'experimentId'?: (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber'?: (number);
  /**
   * The attempt of the round, 1-based; a retry gets fresh keys and a fresh
   * selection.
   */
  'attempt'?: (number);
  /**
   * Every selected worker with its region, sorted by worker_id. Workers check
   * the cohort size and regions against their own policy.
   */
  'participants'?: (_fedra_v1_Participant)[];
  /**
   * Neighbours per participant in the SecAgg+ Harary graph H(k, n);
   * k = participants - 1 is classic SecAgg (everyone shares with everyone).
   */
  'k'?: (number);
  /**
   * Shamir threshold: shares needed to rebuild a secret, 2 <= t <= k. Each
   * secret needs t live holders among the owner's neighbours.
   */
  't'?: (number);
  /**
   * 32-byte public seed from which every participant derives the same
   * neighbour graph.
   */
  'graphSeed'?: (Buffer | Uint8Array | string);
  /**
   * The lanes of the masked vector, in upload order, with bounds and scales.
   */
  'lanes'?: (_fedra_v1_LaneSpec)[];
  /**
   * SHA-256 of the global model weights the participants train from (the
   * content address used by FleetService.DownloadModel and worker caches).
   */
  'modelSha256'?: (Buffer | Uint8Array | string);
  /**
   * Version number of that model (0 is the initial model).
   */
  'modelVersion'?: (number);
  /**
   * SHA-256 of the experiment spec bytes the invitation carries (see
   * RoundInvitation.spec); binds model topology and training settings.
   */
  'specSha256'?: (Buffer | Uint8Array | string);
  /**
   * How long each stage may take.
   */
  'deadlines'?: (_fedra_v1_StageDeadlines | null);
  /**
   * Identity (SPIFFE id) of the data scientist who owns the experiment;
   * regions may restrict which owners may train on their data.
   */
  'owner'?: (string);
}

/**
 * Everything the participants of one round attempt must agree on. The
 * coordinator serializes it once, hashes and signs those bytes (see
 * SignedRoundConfig), and every participant's secure-aggregation signature
 * binds that hash, so participants shown different configs reject each other.
 */
export interface RoundConfig__Output {
  /**
   * Fedra wire protocol version the attempt runs (currently 1). A worker
   * refuses versions it does not speak.
   */
  'protocolVersion': (number);
  /**
   * The secure-aggregation suite (key agreement, KDF, ciphers, secret
   * sharing), one of the suites every participant listed at Register.
   */
  'secaggSuite': (string);
  /**
   * The experiment this round belongs to.
   */
  'experimentId': (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber': (number);
  /**
   * The attempt of the round, 1-based; a retry gets fresh keys and a fresh
   * selection.
   */
  'attempt': (number);
  /**
   * Every selected worker with its region, sorted by worker_id. Workers check
   * the cohort size and regions against their own policy.
   */
  'participants': (_fedra_v1_Participant__Output)[];
  /**
   * Neighbours per participant in the SecAgg+ Harary graph H(k, n);
   * k = participants - 1 is classic SecAgg (everyone shares with everyone).
   */
  'k': (number);
  /**
   * Shamir threshold: shares needed to rebuild a secret, 2 <= t <= k. Each
   * secret needs t live holders among the owner's neighbours.
   */
  't': (number);
  /**
   * 32-byte public seed from which every participant derives the same
   * neighbour graph.
   */
  'graphSeed': (Buffer);
  /**
   * The lanes of the masked vector, in upload order, with bounds and scales.
   */
  'lanes': (_fedra_v1_LaneSpec__Output)[];
  /**
   * SHA-256 of the global model weights the participants train from (the
   * content address used by FleetService.DownloadModel and worker caches).
   */
  'modelSha256': (Buffer);
  /**
   * Version number of that model (0 is the initial model).
   */
  'modelVersion': (number);
  /**
   * SHA-256 of the experiment spec bytes the invitation carries (see
   * RoundInvitation.spec); binds model topology and training settings.
   */
  'specSha256': (Buffer);
  /**
   * How long each stage may take.
   */
  'deadlines': (_fedra_v1_StageDeadlines__Output | null);
  /**
   * Identity (SPIFFE id) of the data scientist who owns the experiment;
   * regions may restrict which owners may train on their data.
   */
  'owner': (string);
}
