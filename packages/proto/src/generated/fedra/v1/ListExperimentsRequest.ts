// Original file: protos/fedra/v1/experiment.proto

import type { ExperimentState as _fedra_v1_ExperimentState, ExperimentState__Output as _fedra_v1_ExperimentState__Output } from '../../fedra/v1/ExperimentState.js';

/**
 * ListExperiments' request; shared by ExperimentService and AdminService.
 */
export interface ListExperimentsRequest {
  /**
   * Most experiments to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize'?: (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Only experiments in one of these states; empty means all states.
   */
  'states'?: (_fedra_v1_ExperimentState)[];
  /**
   * Only experiments of this owner (SPIFFE id). Admins may set any owner;
   * for a data scientist the coordinator always lists only its own.
   */
  'owner'?: (string);
}

/**
 * ListExperiments' request; shared by ExperimentService and AdminService.
 */
export interface ListExperimentsRequest__Output {
  /**
   * Most experiments to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize': (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Only experiments in one of these states; empty means all states.
   */
  'states': (_fedra_v1_ExperimentState__Output)[];
  /**
   * Only experiments of this owner (SPIFFE id). Admins may set any owner;
   * for a data scientist the coordinator always lists only its own.
   */
  'owner': (string);
}
