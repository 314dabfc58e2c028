// Original file: protos/fedra/v1/admin.proto


/**
 * GetClusterStatus' request; it has no fields.
 */
export interface GetClusterStatusRequest {
}

/**
 * GetClusterStatus' request; it has no fields.
 */
export interface GetClusterStatusRequest__Output {
}
