// Original file: protos/fedra/v1/fleet.proto

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { Long } from '@grpc/proto-loader';

/**
 * DownloadModel's request (FleetService). Names the round attempt so the
 * coordinator can check that the caller participates in it.
 */
export interface FleetServiceDownloadModelRequest {
  /**
   * The round attempt whose base model to download.
   */
  'attempt'?: (_fedra_v1_AttemptRef | null);
  /**
   * The model hash from the RoundConfig; the coordinator rejects a mismatch.
   */
  'modelSha256'?: (Buffer | Uint8Array | string);
  /**
   * Byte offset to start from, to resume an interrupted download; 0 for all.
   */
  'offset'?: (number | string | Long);
}

/**
 * DownloadModel's request (FleetService). Names the round attempt so the
 * coordinator can check that the caller participates in it.
 */
export interface FleetServiceDownloadModelRequest__Output {
  /**
   * The round attempt whose base model to download.
   */
  'attempt': (_fedra_v1_AttemptRef__Output | null);
  /**
   * The model hash from the RoundConfig; the coordinator rejects a mismatch.
   */
  'modelSha256': (Buffer);
  /**
   * Byte offset to start from, to resume an interrupted download; 0 for all.
   */
  'offset': (number);
}
