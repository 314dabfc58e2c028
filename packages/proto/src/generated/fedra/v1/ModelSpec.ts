// Original file: protos/fedra/v1/spec.proto

import type { WeightSpec as _fedra_v1_WeightSpec, WeightSpec__Output as _fedra_v1_WeightSpec__Output } from '../../fedra/v1/WeightSpec.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A TensorFlow.js (Keras-style) model: topology plus the layout of its flat
 * weight buffer.
 */
export interface ModelSpec {
  /**
   * The Keras-style model topology JSON (tf.LayersModel modelTopology), at
   * most 1 MiB. Regions check its layer types against their allow-list.
   */
  'topologyJson'?: (string);
  /**
   * The weight tensors in the order their float32 values are concatenated in
   * the model weight bytes.
   */
  'weights'?: (_fedra_v1_WeightSpec)[];
  /**
   * Total number of parameters (sum of the weights' element counts); the
   * coordinator checks it against the topology and its parameter cap.
   */
  'paramCount'?: (number | string | Long);
}

/**
 * A TensorFlow.js (Keras-style) model: topology plus the layout of its flat
 * weight buffer.
 */
export interface ModelSpec__Output {
  /**
   * The Keras-style model topology JSON (tf.LayersModel modelTopology), at
   * most 1 MiB. Regions check its layer types against their allow-list.
   */
  'topologyJson': (string);
  /**
   * The weight tensors in the order their float32 values are concatenated in
   * the model weight bytes.
   */
  'weights': (_fedra_v1_WeightSpec__Output)[];
  /**
   * Total number of parameters (sum of the weights' element counts); the
   * coordinator checks it against the topology and its parameter cap.
   */
  'paramCount': (number);
}
