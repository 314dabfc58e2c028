// Original file: protos/fedra/v1/spec.proto


/**
 * The dataset an experiment trains on. Workers advertise datasets at
 * Register; only workers holding a matching one are selected.
 */
export interface DatasetSpec {
  /**
   * Dataset name as the region operator configured it, e.g. "mnist".
   */
  'name'?: (string);
  /**
   * Shape of one input example, without the batch dimension, e.g. [28, 28, 1].
   */
  'inputShape'?: (number)[];
  /**
   * Number of label classes.
   */
  'numClasses'?: (number);
}

/**
 * The dataset an experiment trains on. Workers advertise datasets at
 * Register; only workers holding a matching one are selected.
 */
export interface DatasetSpec__Output {
  /**
   * Dataset name as the region operator configured it, e.g. "mnist".
   */
  'name': (string);
  /**
   * Shape of one input example, without the batch dimension, e.g. [28, 28, 1].
   */
  'inputShape': (number)[];
  /**
   * Number of label classes.
   */
  'numClasses': (number);
}
