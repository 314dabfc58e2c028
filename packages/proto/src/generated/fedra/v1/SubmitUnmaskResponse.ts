// Original file: protos/fedra/v1/fleet.proto


/**
 * SubmitUnmask's response; empty on success.
 */
export interface SubmitUnmaskResponse {
}

/**
 * SubmitUnmask's response; empty on success.
 */
export interface SubmitUnmaskResponse__Output {
}
