// Original file: protos/fedra/v1/experiment.proto

import type { Long } from '@grpc/proto-loader';

/**
 * DownloadModel's request (ExperimentService).
 */
export interface DownloadModelRequest {
  /**
   * The experiment whose model to download.
   */
  'experimentId'?: (string);
  /**
   * This version: 0 for the initial weights, r for the model committed by
   * round r.
   */
  'version'?: (number);
  /**
   * Set to true for the newest committed version.
   */
  'latest'?: (boolean);
  /**
   * Byte offset to start from, to resume an interrupted download; 0 for all.
   */
  'offset'?: (number | string | Long);
  /**
   * Which version.
   */
  'selector'?: "version"|"latest";
}

/**
 * DownloadModel's request (ExperimentService).
 */
export interface DownloadModelRequest__Output {
  /**
   * The experiment whose model to download.
   */
  'experimentId': (string);
  /**
   * This version: 0 for the initial weights, r for the model committed by
   * round r.
   */
  'version'?: (number);
  /**
   * Set to true for the newest committed version.
   */
  'latest'?: (boolean);
  /**
   * Byte offset to start from, to resume an interrupted download; 0 for all.
   */
  'offset': (number);
  /**
   * Which version.
   */
  'selector'?: "version"|"latest";
}
