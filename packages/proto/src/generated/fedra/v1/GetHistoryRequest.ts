// Original file: protos/fedra/v1/experiment.proto


/**
 * GetHistory's request.
 */
export interface GetHistoryRequest {
  /**
   * The experiment.
   */
  'experimentId'?: (string);
  /**
   * Most entries to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize'?: (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * GetHistory's request.
 */
export interface GetHistoryRequest__Output {
  /**
   * The experiment.
   */
  'experimentId': (string);
  /**
   * Most entries to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize': (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken': (string);
}
