// Original file: protos/fedra/v1/fleet.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A dataset a worker holds and can train on.
 */
export interface DatasetInfo {
  /**
   * Dataset name as the region operator configured it, e.g. "mnist".
   */
  'name'?: (string);
  /**
   * Number of training examples.
   */
  'exampleCount'?: (number | string | Long);
  /**
   * Shape of one input example, without the batch dimension.
   */
  'inputShape'?: (number)[];
  /**
   * Number of label classes.
   */
  'numClasses'?: (number);
}

/**
 * A dataset a worker holds and can train on.
 */
export interface DatasetInfo__Output {
  /**
   * Dataset name as the region operator configured it, e.g. "mnist".
   */
  'name': (string);
  /**
   * Number of training examples.
   */
  'exampleCount': (number);
  /**
   * Shape of one input example, without the batch dimension.
   */
  'inputShape': (number)[];
  /**
   * Number of label classes.
   */
  'numClasses': (number);
}
