import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { hararyGraph, neighbourGraph } from './neighbours.js';

const seedA = Uint8Array.from({ length: 32 }, (_, i) => i);
const seedB = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `worker-${i}`);

function isConnected(
  graph: ReadonlyMap<string, readonly string[]>,
  removed = new Set<string>(),
): boolean {
  const alive = [...graph.keys()].filter((id) => !removed.has(id));
  const start = alive[0];
  if (start === undefined) return true;
  const seen = new Set([start]);
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of graph.get(id) ?? []) {
      if (!removed.has(next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.size === alive.length;
}

function checkShape(graph: ReadonlyMap<string, readonly string[]>, n: number, k: number): void {
  expect(graph.size).toBe(n);
  const problems: string[] = [];
  let raised = 0;
  for (const [id, neighbours] of graph) {
    if (new Set(neighbours).size !== neighbours.length) problems.push(`${id}: repeated neighbour`);
    if (neighbours.includes(id)) problems.push(`${id}: self loop`);
    for (const other of neighbours) {
      if (!(graph.get(other) ?? []).includes(id)) problems.push(`${id}-${other}: not symmetric`);
    }
    if (neighbours.length === k + 1) raised++;
    else if (neighbours.length !== k) problems.push(`${id}: degree ${neighbours.length}`);
  }
  expect(problems).toEqual([]);
  expect(raised).toBe((n * k) % 2 === 1 ? 1 : 0);
}

describe('neighbourGraph', () => {
  it('is symmetric, k-regular (one k+1 vertex when n*k is odd) and connected', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 60 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n - 1 }),
              fc.uint8Array({ minLength: 16, maxLength: 40 }),
            ),
          ),
        ([n, k, seed]) => {
          const graph = neighbourGraph(ids(n), k, seed);
          checkShape(graph, n, k);
          // H(1, n) is a matching (plus one path of length 2 for odd n); from
          // k = 2 on the Harary graph is k-connected.
          if (k >= 2) {
            expect(isConnected(graph)).toBe(true);
            // k-connected: removing any k - 1 vertices leaves it connected
            // (checked here for one random set).
            const victims = new Set(
              [...graph.keys()].filter((_, i) => (i * 7919 + seed.length) % n < k - 1),
            );
            expect(victims.size).toBeLessThanOrEqual(k - 1);
            expect(isConnected(graph, victims)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exactly k-connected on small graphs (every k - 1 removal set)', () => {
    for (const [n, k] of [
      [7, 3],
      [8, 3],
      [9, 4],
      [10, 5],
    ] as const) {
      const graph = neighbourGraph(ids(n), k, seedA);
      const names = [...graph.keys()];
      const subsets = (from: number, size: number): string[][] =>
        size === 0
          ? [[]]
          : names
              .slice(from)
              .flatMap((name, i) => subsets(from + i + 1, size - 1).map((rest) => [name, ...rest]));
      for (const removed of subsets(0, k - 1))
        expect(isConnected(graph, new Set(removed))).toBe(true);
    }
  });

  it('gives the complete graph for k = n - 1 (classic SecAgg)', () => {
    for (const n of [3, 4, 9, 10]) {
      const graph = neighbourGraph(ids(n), n - 1, seedA);
      for (const [id, neighbours] of graph) {
        expect([...neighbours].sort()).toEqual(
          ids(n)
            .filter((other) => other !== id)
            .sort(),
        );
      }
    }
  });

  it('is deterministic per seed, order-independent, and differs for another seed', () => {
    const n = 40;
    const a1 = neighbourGraph(ids(n), 6, seedA);
    const a2 = neighbourGraph([...ids(n)].reverse(), 6, seedA);
    const b = neighbourGraph(ids(n), 6, seedB);
    expect([...a1.entries()].sort()).toEqual([...a2.entries()].sort());
    expect([...a1.entries()].sort()).not.toEqual([...b.entries()].sort());
  });

  it('builds H(k, n) on vertex indices as specified', () => {
    const even = hararyGraph(8, 4);
    expect([...(even[0] ?? [])].sort((x, y) => x - y)).toEqual([1, 2, 6, 7]);
    const oddEven = hararyGraph(8, 3);
    expect([...(oddEven[0] ?? [])].sort((x, y) => x - y)).toEqual([1, 4, 7]);
    const oddOdd = hararyGraph(7, 3);
    expect([...(oddOdd[0] ?? [])].sort((x, y) => x - y)).toEqual([1, 3, 4, 6]);
    expect(oddOdd.filter((s) => s.size === 4)).toHaveLength(1);
  });

  it('rejects k out of range, duplicate ids and short seeds', () => {
    const bad: [string[], number, Uint8Array][] = [
      [ids(5), 0, seedA],
      [ids(5), 5, seedA],
      [ids(5), 2.5, seedA],
      [['a', 'b', 'a'], 1, seedA],
      [['a', '', 'c'], 1, seedA],
      [ids(5), 2, new Uint8Array(15)],
      [ids(1), 1, seedA],
    ];
    for (const [participants, k, seed] of bad) {
      expect(() => {
        neighbourGraph(participants, k, seed);
      }).toThrow(FedraError);
    }
  });
});
