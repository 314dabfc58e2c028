// Original file: protos/fedra/v1/common.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';

/**
 * How long each secure-aggregation stage of an attempt may take. Every stage
 * deadline is fixed from the coordinator's clock (Redis TIME) when the stage
 * opens; participants that miss it are dropped from the attempt.
 */
export interface StageDeadlines {
  /**
   * Time for participants to answer the invitation with their signed public
   * keys (or a refusal).
   */
  'setup'?: (_google_protobuf_Duration | null);
  /**
   * Time to fetch neighbours' keys and submit encrypted shares.
   */
  'shareKeys'?: (_google_protobuf_Duration | null);
  /**
   * Time to download the model, train, mask and upload. Usually the longest.
   */
  'collectMasked'?: (_google_protobuf_Duration | null);
  /**
   * Time to sign the survivor set.
   */
  'consistencyCheck'?: (_google_protobuf_Duration | null);
  /**
   * Time to reveal the shares the coordinator needs to unmask the sum.
   */
  'unmask'?: (_google_protobuf_Duration | null);
}

/**
 * How long each secure-aggregation stage of an attempt may take. Every stage
 * deadline is fixed from the coordinator's clock (Redis TIME) when the stage
 * opens; participants that miss it are dropped from the attempt.
 */
export interface StageDeadlines__Output {
  /**
   * Time for participants to answer the invitation with their signed public
   * keys (or a refusal).
   */
  'setup': (_google_protobuf_Duration__Output | null);
  /**
   * Time to fetch neighbours' keys and submit encrypted shares.
   */
  'shareKeys': (_google_protobuf_Duration__Output | null);
  /**
   * Time to download the model, train, mask and upload. Usually the longest.
   */
  'collectMasked': (_google_protobuf_Duration__Output | null);
  /**
   * Time to sign the survivor set.
   */
  'consistencyCheck': (_google_protobuf_Duration__Output | null);
  /**
   * Time to reveal the shares the coordinator needs to unmask the sum.
   */
  'unmask': (_google_protobuf_Duration__Output | null);
}
