import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@fedra/common';
import type { ListExperimentsRequestOutput } from '@fedra/proto';
import type { ExperimentListOptions, ExperimentPage } from '../state/experiment-store.js';
import { listExperiments } from './list-experiments.js';
import { encodePageToken } from './paging.js';

/** A store that records each list query and answers `page`. */
function store(page: ExperimentPage = { experiments: [], nextOffset: undefined }) {
  const queries: ExperimentListOptions[] = [];
  return {
    queries,
    list(options: ExperimentListOptions): Promise<ExperimentPage> {
      queries.push(options);
      return Promise.resolve(page);
    },
  };
}

function request(overrides: Partial<ListExperimentsRequestOutput> = {}) {
  return { pageSize: 0, pageToken: '', states: [], owner: '', ...overrides };
}

describe('listExperiments', () => {
  it('passes the owner, the known states, the offset and the page size to the store', async () => {
    const experiments = store({ experiments: [], nextOffset: 20 });
    const response = await listExperiments(
      experiments,
      request({
        pageSize: 10,
        pageToken: encodePageToken(10),
        states: ['EXPERIMENT_STATE_RUNNING', 'EXPERIMENT_STATE_UNSPECIFIED'],
      }),
      'spiffe://test.fedra/scientist/alice',
    );
    expect(experiments.queries).toEqual([
      { owner: 'spiffe://test.fedra/scientist/alice', states: ['RUNNING'], offset: 10, limit: 10 },
    ]);
    expect(response).toEqual({ experiments: [], nextPageToken: encodePageToken(20) });
  });

  it('ends the listing with an empty token on the last page', async () => {
    const response = await listExperiments(store(), request(), undefined);
    expect(response.nextPageToken).toBe('');
  });

  it('answers an empty page, without asking the store, when no named state is known', async () => {
    const experiments = store();
    const response = await listExperiments(
      experiments,
      request({ states: ['EXPERIMENT_STATE_UNSPECIFIED'] }),
      undefined,
    );
    expect(response).toEqual({ experiments: [], nextPageToken: '' });
    expect(experiments.queries).toEqual([]);
  });

  it('refuses a page token it did not issue, whatever the states filter', async () => {
    for (const states of [[], ['EXPERIMENT_STATE_UNSPECIFIED' as const]]) {
      const error = await listExperiments(
        store(),
        request({ pageToken: 'forged', states }),
        undefined,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('page_token');
    }
  });
});
