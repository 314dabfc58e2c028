// Original file: protos/fedra/v1/admin.proto

import type { Round as _fedra_v1_Round, Round__Output as _fedra_v1_Round__Output } from '../../fedra/v1/Round.js';

/**
 * ListRounds' response.
 */
export interface ListRoundsResponse {
  /**
   * One page of rounds, newest first, each with its latest attempt only.
   */
  'rounds'?: (_fedra_v1_Round)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * ListRounds' response.
 */
export interface ListRoundsResponse__Output {
  /**
   * One page of rounds, newest first, each with its latest attempt only.
   */
  'rounds': (_fedra_v1_Round__Output)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
