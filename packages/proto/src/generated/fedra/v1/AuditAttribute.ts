// Original file: protos/fedra/v1/admin.proto


/**
 * A key/value detail of an audit record. A list rather than a map so the
 * record's hashed encoding has one fixed order.
 */
export interface AuditAttribute {
  /**
   * Detail name, e.g. "model_sha256" or "reason".
   */
  'key'?: (string);
  /**
   * Detail value; never secrets.
   */
  'value'?: (string);
}

/**
 * A key/value detail of an audit record. A list rather than a map so the
 * record's hashed encoding has one fixed order.
 */
export interface AuditAttribute__Output {
  /**
   * Detail name, e.g. "model_sha256" or "reason".
   */
  'key': (string);
  /**
   * Detail value; never secrets.
   */
  'value': (string);
}
