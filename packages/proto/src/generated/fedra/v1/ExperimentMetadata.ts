// Original file: protos/fedra/v1/experiment.proto


/**
 * Descriptive, non-functional information about an experiment.
 */
export interface ExperimentMetadata {
  /**
   * A short human-readable name, e.g. "mnist-cnn-fedadam".
   */
  'displayName'?: (string);
  /**
   * Free-form description.
   */
  'description'?: (string);
  /**
   * Free-form key/value labels for filtering and bookkeeping.
   */
  'labels'?: ({[key: string]: string});
}

/**
 * Descriptive, non-functional information about an experiment.
 */
export interface ExperimentMetadata__Output {
  /**
   * A short human-readable name, e.g. "mnist-cnn-fedadam".
   */
  'displayName': (string);
  /**
   * Free-form description.
   */
  'description': (string);
  /**
   * Free-form key/value labels for filtering and bookkeeping.
   */
  'labels': ({[key: string]: string});
}
