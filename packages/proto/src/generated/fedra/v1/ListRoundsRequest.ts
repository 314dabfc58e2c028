// Original file: protos/fedra/v1/admin.proto

import type { RoundState as _fedra_v1_RoundState, RoundState__Output as _fedra_v1_RoundState__Output } from '../../fedra/v1/RoundState.js';

/**
 * ListRounds' request.
 */
export interface ListRoundsRequest {
  /**
   * The experiment whose rounds to list.
   */
  'experimentId'?: (string);
  /**
   * Most rounds to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize'?: (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Only rounds whose latest attempt is in one of these states; empty means
   * all.
   */
  'states'?: (_fedra_v1_RoundState)[];
}

/**
 * ListRounds' request.
 */
export interface ListRoundsRequest__Output {
  /**
   * The experiment whose rounds to list.
   */
  'experimentId': (string);
  /**
   * Most rounds to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize': (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Only rounds whose latest attempt is in one of these states; empty means
   * all.
   */
  'states': (_fedra_v1_RoundState__Output)[];
}
