// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Opens a masked-vector upload.
 */
export interface MaskedUploadStart {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the uploading worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Byte offset the first chunk starts at; must equal the offset
   * GetUploadOffset reports.
   */
  'offset'?: (number | string | Long);
  /**
   * Size of the whole masked vector in bytes; must match the RoundConfig lanes.
   */
  'totalBytes'?: (number | string | Long);
  /**
   * Neighbours whose incoming shares the worker could not accept (bad
   * signature, decryption or share hash). It still masked with them but holds
   * no share of their secrets, so the coordinator does not count it as their
   * share holder at unmask. Must be the same on every resumed upload.
   */
  'rejectedShares'?: (string)[];
}

/**
 * Opens a masked-vector upload.
 */
export interface MaskedUploadStart__Output {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the uploading worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Byte offset the first chunk starts at; must equal the offset
   * GetUploadOffset reports.
   */
  'offset': (number);
  /**
   * Size of the whole masked vector in bytes; must match the RoundConfig lanes.
   */
  'totalBytes': (number);
  /**
   * Neighbours whose incoming shares the worker could not accept (bad
   * signature, decryption or share hash). It still masked with them but holds
   * no share of their secrets, so the coordinator does not count it as their
   * share holder at unmask. Must be the same on every resumed upload.
   */
  'rejectedShares': (string)[];
}
