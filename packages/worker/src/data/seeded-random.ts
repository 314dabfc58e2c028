/**
 * A small seeded pseudo-random generator for shuffling and splitting data
 * reproducibly. Not for anything secret: masks and keys come from
 * `node:crypto` in `@fedra/secagg`.
 *
 * @module
 */

/** Returns numbers uniformly in [0, 1); the same seed gives the same sequence. */
export type Rng = () => number;

/**
 * Creates a seeded generator (mulberry32: 32-bit state, fast, well mixed,
 * plenty for shuffling a few million examples).
 *
 * @param seed - any number; its low 32 bits are used.
 */
export function createRng(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random permutation of `0 .. n-1` (Fisher-Yates). */
export function permutation(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  return order;
}
