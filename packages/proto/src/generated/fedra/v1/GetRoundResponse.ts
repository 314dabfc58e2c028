// Original file: protos/fedra/v1/admin.proto

import type { Round as _fedra_v1_Round, Round__Output as _fedra_v1_Round__Output } from '../../fedra/v1/Round.js';

/**
 * GetRound's response.
 */
export interface GetRoundResponse {
  /**
   * The round with all its attempts.
   */
  'round'?: (_fedra_v1_Round | null);
}

/**
 * GetRound's response.
 */
export interface GetRoundResponse__Output {
  /**
   * The round with all its attempts.
   */
  'round': (_fedra_v1_Round__Output | null);
}
