// Original file: protos/fedra/v1/fleet.proto


/**
 * SubmitSetup's response; empty on success.
 */
export interface SubmitSetupResponse {
}

/**
 * SubmitSetup's response; empty on success.
 */
export interface SubmitSetupResponse__Output {
}
