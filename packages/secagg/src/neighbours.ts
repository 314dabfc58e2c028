/**
 * The SecAgg+ neighbour graph: a Harary graph H(k, n) laid over a
 * seed-derived permutation of the participants (Bell et al. 2020). Every
 * participant masks with, and shares its secrets among, its neighbours only.
 * k = n - 1 gives the complete graph, i.e. classic SecAgg.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import { encodeContext, hkdfSha256 } from './kdf.js';
import { MASK_KEY_BYTES, MaskStream } from './mask-prg.js';
import { SECAGG_PROTOCOL_VERSION } from './stage.js';

const MIN_SEED_BYTES = 16;

/** `ids` sorted by their UTF-8 bytes (each encoded once, not once per comparison). */
function sortedByUtf8(ids: Iterable<string>): string[] {
  return [...ids]
    .map((id) => ({ id, bytes: Buffer.from(id, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ id }) => id);
}

/**
 * A uniform permutation of [0, n) from the seed: Fisher-Yates driven by the
 * AES-CTR PRG keyed by HKDF(seed), with rejection sampling so no index is
 * favoured (no modulo bias).
 */
function seededPermutation(n: number, graphSeed: Uint8Array): number[] {
  // HKDF takes a seed of any length; the label separates this use of it.
  const info = encodeContext('neighbour-graph', {
    protocolVersion: SECAGG_PROTOCOL_VERSION,
    experimentId: '',
    roundNumber: 0,
    attempt: 0,
    stage: 'setup',
    sender: '',
    recipient: '',
  });
  const stream = new MaskStream(hkdfSha256(graphSeed, info, MASK_KEY_BYTES));
  let words = stream.next(Math.max(64, 2 * n));
  let next = 0;
  const draw = (): number => {
    if (next === words.length) {
      words = stream.next(words.length);
      next = 0;
    }
    return words[next++] as number;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const range = i + 1;
    // Largest multiple of `range` that fits in 2^32: draws at or above it are rejected.
    const limit = 0x100000000 - (0x100000000 % range);
    let x = draw();
    while (x >= limit) x = draw();
    const j = x % range;
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  return order;
}

/**
 * The edges of H(k, n) on vertices 0..n-1, as adjacency sets:
 * - k even: i ~ i +- 1 .. i +- k/2 (mod n);
 * - k odd, n even: additionally i ~ i + n/2;
 * - k odd, n odd: H(k-1, n) plus i ~ i + (n+1)/2 for i = 0 .. (n-1)/2, which
 *   gives vertex 0 degree k + 1 and every other vertex degree k.
 * H(k, n) is k-connected (Harary 1962) for k >= 2.
 */
export function hararyGraph(n: number, k: number): Set<number>[] {
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(k) || k < 1 || k > n - 1) {
    throw new FedraError(
      'INVALID_ARGUMENT',
      `Harary graph needs integers n >= 2 and 1 <= k <= n - 1 (n=${n}, k=${k})`,
      {
        metadata: { field: 'k', n: String(n), k: String(k) },
      },
    );
  }
  const adjacency = Array.from({ length: n }, () => new Set<number>());
  const link = (a: number, b: number): void => {
    const u = ((a % n) + n) % n;
    const v = ((b % n) + n) % n;
    adjacency[u]?.add(v);
    adjacency[v]?.add(u);
  };
  const half = Math.floor(k / 2);
  for (let i = 0; i < n; i++) {
    for (let d = 1; d <= half; d++) link(i, i + d);
  }
  if (k % 2 === 1) {
    if (n % 2 === 0) {
      for (let i = 0; i < n / 2; i++) link(i, i + n / 2);
    } else {
      for (let i = 0; i <= (n - 1) / 2; i++) link(i, i + (n + 1) / 2);
    }
  }
  return adjacency;
}

/**
 * Each participant's neighbours in H(k, n), laid over a permutation of the
 * participant ids (sorted by UTF-8 bytes) derived from the public graph seed.
 * Deterministic for a seed; symmetric (v is u's neighbour iff u is v's);
 * every degree is k except one vertex of degree k + 1 when n x k is odd.
 * Neighbour lists are sorted by UTF-8 bytes.
 *
 * @param graphSeed public seed from the RoundConfig (at least 16 bytes).
 * @throws FedraError `INVALID_ARGUMENT` on duplicate or empty ids, fewer
 *   than 2 participants, k outside [1, n - 1] or a seed under 16 bytes.
 */
export function neighbourGraph(
  participantIds: readonly string[],
  k: number,
  graphSeed: Uint8Array,
): ReadonlyMap<string, readonly string[]> {
  const sorted = sortedByUtf8(participantIds);
  for (let i = 0; i < sorted.length; i++) {
    if (
      typeof sorted[i] !== 'string' ||
      sorted[i] === '' ||
      (i > 0 && sorted[i] === sorted[i - 1])
    ) {
      throw new FedraError('INVALID_ARGUMENT', 'participant ids must be unique non-empty strings', {
        metadata: { field: 'participantIds' },
      });
    }
  }
  if (!(graphSeed instanceof Uint8Array) || graphSeed.length < MIN_SEED_BYTES) {
    throw new FedraError('INVALID_ARGUMENT', `graphSeed must be at least ${MIN_SEED_BYTES} bytes`, {
      metadata: { field: 'graphSeed' },
    });
  }
  const n = sorted.length;
  const adjacency = hararyGraph(n, k);
  const order = seededPermutation(n, graphSeed);
  // Vertex v of the Harary graph is participant sorted[order[v]].
  const idAt = (v: number): string => sorted[order[v] as number] as string;
  const result = new Map<string, readonly string[]>();
  for (let v = 0; v < n; v++) {
    result.set(idAt(v), Object.freeze(sortedByUtf8([...(adjacency[v] ?? [])].map(idAt))));
  }
  return result;
}
