// Original file: protos/fedra/v1/fleet.proto


/**
 * Asks the worker to finish the attempts it is in and then take no new ones,
 * e.g. before maintenance.
 */
export interface DrainTask {
  /**
   * Why, as the admin wrote it.
   */
  'reason'?: (string);
}

/**
 * Asks the worker to finish the attempts it is in and then take no new ones,
 * e.g. before maintenance.
 */
export interface DrainTask__Output {
  /**
   * Why, as the admin wrote it.
   */
  'reason': (string);
}
