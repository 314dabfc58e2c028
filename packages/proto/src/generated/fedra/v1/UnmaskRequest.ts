// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';
import type { SurvivorSignature as _fedra_v1_SurvivorSignature, SurvivorSignature__Output as _fedra_v1_SurvivorSignature__Output } from '../../fedra/v1/SurvivorSignature.js';

/**
 * unmask: what the coordinator asks a survivor to reveal. The participant
 * derives what to reveal itself from the survivor set, and reveals nothing
 * unless at least t valid signatures from its neighbours cover exactly this
 * set, so a coordinator cannot show different sets to different workers.
 */
export interface UnmaskRequest {
  /**
   * Round attempt, stage STAGE_UNMASK; sender is empty (the coordinator).
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * The survivor set, exactly as signed at consistency-check.
   */
  'survivors'?: (string)[];
  /**
   * Survivor-set signatures from the recipient's neighbours (and its own).
   */
  'signatures'?: (_fedra_v1_SurvivorSignature)[];
  /**
   * Survivors whose b share the coordinator asks for (a subset of survivors).
   * The participant checks this against what it derives from the survivor
   * set and refuses any request that does not match.
   */
  'bOwners'?: (string)[];
  /**
   * Participants dropped after share-keys whose masking-key share the
   * coordinator asks for (disjoint from survivors); checked the same way.
   */
  'skOwners'?: (string)[];
}

/**
 * unmask: what the coordinator asks a survivor to reveal. The participant
 * derives what to reveal itself from the survivor set, and reveals nothing
 * unless at least t valid signatures from its neighbours cover exactly this
 * set, so a coordinator cannot show different sets to different workers.
 */
export interface UnmaskRequest__Output {
  /**
   * Round attempt, stage STAGE_UNMASK; sender is empty (the coordinator).
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * The survivor set, exactly as signed at consistency-check.
   */
  'survivors': (string)[];
  /**
   * Survivor-set signatures from the recipient's neighbours (and its own).
   */
  'signatures': (_fedra_v1_SurvivorSignature__Output)[];
  /**
   * Survivors whose b share the coordinator asks for (a subset of survivors).
   * The participant checks this against what it derives from the survivor
   * set and refuses any request that does not match.
   */
  'bOwners': (string)[];
  /**
   * Participants dropped after share-keys whose masking-key share the
   * coordinator asks for (disjoint from survivors); checked the same way.
   */
  'skOwners': (string)[];
}
