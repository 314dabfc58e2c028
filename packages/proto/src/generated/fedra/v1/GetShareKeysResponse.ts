// Original file: protos/fedra/v1/fleet.proto

import type { SetupMessage as _fedra_v1_SetupMessage, SetupMessage__Output as _fedra_v1_SetupMessage__Output } from '../../fedra/v1/SetupMessage.js';
import type { PeerIdentity as _fedra_v1_PeerIdentity, PeerIdentity__Output as _fedra_v1_PeerIdentity__Output } from '../../fedra/v1/PeerIdentity.js';

/**
 * GetShareKeys' response.
 */
export interface GetShareKeysResponse {
  /**
   * The setup messages of the caller's neighbours that completed setup,
   * exactly as they were signed.
   */
  'neighbours'?: (_fedra_v1_SetupMessage)[];
  /**
   * Certificates of those neighbours, to verify their signatures against the
   * pinned federation trust bundle.
   */
  'identities'?: (_fedra_v1_PeerIdentity)[];
}

/**
 * GetShareKeys' response.
 */
export interface GetShareKeysResponse__Output {
  /**
   * The setup messages of the caller's neighbours that completed setup,
   * exactly as they were signed.
   */
  'neighbours': (_fedra_v1_SetupMessage__Output)[];
  /**
   * Certificates of those neighbours, to verify their signatures against the
   * pinned federation trust bundle.
   */
  'identities': (_fedra_v1_PeerIdentity__Output)[];
}
