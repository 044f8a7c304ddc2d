/**
 * Reproducible uniform floats in [-1, 1) from a seeded LCG, so that torchlet and both TensorFlow.js
 * backends are timed on exactly the same inputs, run after run.
 *
 * @example
 * ```ts
 * const a = randomFloat32(512 * 512, 1);
 * ```
 */
export function randomFloat32(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}
