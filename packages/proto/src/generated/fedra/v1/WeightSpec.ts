// Original file: protos/fedra/v1/spec.proto


/**
 * One weight tensor of a model.
 */
export interface WeightSpec {
  /**
   * The tensor's name as TensorFlow.js reports it, e.g. "dense/kernel".
   */
  'name'?: (string);
  /**
   * The tensor's shape; its element count is the product of the dimensions.
   */
  'shape'?: (number)[];
}

/**
 * One weight tensor of a model.
 */
export interface WeightSpec__Output {
  /**
   * The tensor's name as TensorFlow.js reports it, e.g. "dense/kernel".
   */
  'name': (string);
  /**
   * The tensor's shape; its element count is the product of the dimensions.
   */
  'shape': (number)[];
}
