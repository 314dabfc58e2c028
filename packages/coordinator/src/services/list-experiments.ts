/**
 * ListExperiments, shared by ExperimentService (a scientist's own
 * experiments) and AdminService (anyone's): both answer the same fedra.v1
 * messages, so paging and the states filter must behave the same in both.
 *
 * @module
 */
import type { ListExperimentsRequestOutput, ListExperimentsResponse } from '@fedra/proto';
import type { ExperimentStore } from '../state/experiment-store.js';
import type { ExperimentLifecycle } from '../state/state-types.js';
import { decodePageToken, encodePageToken, pageSize } from './paging.js';
import { experimentStateFromWire, experimentToWire } from './wire-records.js';

/**
 * One page of experiments, newest first, without their specs.
 *
 * @param experiments - the store to list from (only its `list` is used).
 * @param request - the request as decoded; its `owner` is ignored here.
 * @param owner - only this owner's experiments; undefined lists every owner's.
 * @throws InvalidArgumentError (field `page_token` or `page_size`) for a bad token or size.
 */
export async function listExperiments(
  experiments: Pick<ExperimentStore, 'list'>,
  request: ListExperimentsRequestOutput,
  owner: string | undefined,
): Promise<ListExperimentsResponse> {
  const offset = decodePageToken(request.pageToken);
  const states = request.states
    .map((s) => experimentStateFromWire(s))
    .filter((s): s is ExperimentLifecycle => s !== undefined);
  // A filter that names only states this server does not know matches nothing;
  // an empty filter would match everything.
  if (request.states.length > 0 && states.length === 0)
    return { experiments: [], nextPageToken: '' };
  const page = await experiments.list({
    owner,
    states,
    offset,
    limit: pageSize(request.pageSize),
  });
  return {
    experiments: page.experiments.map((e) => experimentToWire(e, false)),
    nextPageToken: page.nextOffset === undefined ? '' : encodePageToken(page.nextOffset),
  };
}
