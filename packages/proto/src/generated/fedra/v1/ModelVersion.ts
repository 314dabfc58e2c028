// Original file: protos/fedra/v1/common.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A stored version of an experiment's global model. Version 0 holds the
 * initial weights; version r is committed by round r.
 */
export interface ModelVersion {
  /**
   * The experiment the model belongs to.
   */
  'experimentId'?: (string);
  /**
   * Version number: 0 for the initial weights, else the round that produced it.
   */
  'version'?: (number);
  /**
   * SHA-256 of the weight bytes: the model store's content address.
   */
  'sha256'?: (Buffer | Uint8Array | string);
  /**
   * Size of the weight bytes (float32 little-endian, concatenated in the
   * order of ModelSpec.weights).
   */
  'sizeBytes'?: (number | string | Long);
  /**
   * When the version was committed.
   */
  'commitTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * A stored version of an experiment's global model. Version 0 holds the
 * initial weights; version r is committed by round r.
 */
export interface ModelVersion__Output {
  /**
   * The experiment the model belongs to.
   */
  'experimentId': (string);
  /**
   * Version number: 0 for the initial weights, else the round that produced it.
   */
  'version': (number);
  /**
   * SHA-256 of the weight bytes: the model store's content address.
   */
  'sha256': (Buffer);
  /**
   * Size of the weight bytes (float32 little-endian, concatenated in the
   * order of ModelSpec.weights).
   */
  'sizeBytes': (number);
  /**
   * When the version was committed.
   */
  'commitTime': (_google_protobuf_Timestamp__Output | null);
}
