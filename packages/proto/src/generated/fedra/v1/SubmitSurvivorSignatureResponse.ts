// Original file: protos/fedra/v1/fleet.proto


/**
 * SubmitSurvivorSignature's response; empty on success.
 */
export interface SubmitSurvivorSignatureResponse {
}

/**
 * SubmitSurvivorSignature's response; empty on success.
 */
export interface SubmitSurvivorSignatureResponse__Output {
}
