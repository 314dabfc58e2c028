// Original file: protos/fedra/v1/secagg.proto

import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';

/**
 * Identifies the round attempt and stage a secure-aggregation message belongs
 * to, and who sent it. Signatures bind these fields, so a message replayed
 * into another experiment, round, attempt or stage fails verification.
 */
export interface StageHeader {
  /**
   * The experiment the round belongs to.
   */
  'experimentId'?: (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber'?: (number);
  /**
   * The attempt of the round, 1-based.
   */
  'attempt'?: (number);
  /**
   * The stage this message belongs to.
   */
  'stage'?: (_fedra_v1_Stage);
  /**
   * Worker id of the participant that wrote the message; must match the
   * caller's certificate. Empty on messages the coordinator issues.
   */
  'sender'?: (string);
}

/**
 * Identifies the round attempt and stage a secure-aggregation message belongs
 * to, and who sent it. Signatures bind these fields, so a message replayed
 * into another experiment, round, attempt or stage fails verification.
 */
export interface StageHeader__Output {
  /**
   * The experiment the round belongs to.
   */
  'experimentId': (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber': (number);
  /**
   * The attempt of the round, 1-based.
   */
  'attempt': (number);
  /**
   * The stage this message belongs to.
   */
  'stage': (_fedra_v1_Stage__Output);
  /**
   * Worker id of the participant that wrote the message; must match the
   * caller's certificate. Empty on messages the coordinator issues.
   */
  'sender': (string);
}
