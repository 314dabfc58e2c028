// Original file: protos/fedra/v1/fleet.proto


/**
 * ReportRefusal's response; empty on success.
 */
export interface ReportRefusalResponse {
}

/**
 * ReportRefusal's response; empty on success.
 */
export interface ReportRefusalResponse__Output {
}
