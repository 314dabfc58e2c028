// Original file: protos/fedra/v1/admin.proto


/**
 * GetRegionPolicy's request.
 */
export interface GetRegionPolicyRequest {
  /**
   * The region.
   */
  'region'?: (string);
}

/**
 * GetRegionPolicy's request.
 */
export interface GetRegionPolicyRequest__Output {
  /**
   * The region.
   */
  'region': (string);
}
