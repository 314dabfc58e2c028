// Original file: protos/fedra/v1/fleet.proto


/**
 * SubmitShares' response; empty on success.
 */
export interface SubmitSharesResponse {
}

/**
 * SubmitShares' response; empty on success.
 */
export interface SubmitSharesResponse__Output {
}
