// Original file: protos/fedra/v1/fleet.proto

import type { IncomingShare as _fedra_v1_IncomingShare, IncomingShare__Output as _fedra_v1_IncomingShare__Output } from '../../fedra/v1/IncomingShare.js';

/**
 * GetShares' response.
 */
export interface GetSharesResponse {
  /**
   * The encrypted shares addressed to the caller, one per neighbour that
   * completed share-keys. Those senders' masks are the ones to add.
   */
  'shares'?: (_fedra_v1_IncomingShare)[];
}

/**
 * GetShares' response.
 */
export interface GetSharesResponse__Output {
  /**
   * The encrypted shares addressed to the caller, one per neighbour that
   * completed share-keys. Those senders' masks are the ones to add.
   */
  'shares': (_fedra_v1_IncomingShare__Output)[];
}
