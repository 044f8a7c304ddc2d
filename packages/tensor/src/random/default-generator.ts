import { DEFAULT_SEED, Generator } from './generator';

/**
 * The process-wide generator that random functions use when no generator is passed, like
 * PyTorch's default CPU generator; it starts from PyTorch's default seed (67280421310721).
 *
 * It always runs on the host, whatever backend a tensor lives on: every backend receives the
 * numbers drawn here, so a seeded program produces the same values on CPU, WebGPU or any other
 * backend, and the same values as PyTorch on the CPU.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * const x = new Float32Array(3);
 * defaultGenerator.fillNormal(x); // torch.manual_seed(42); torch.randn(3)
 * ```
 */
export const defaultGenerator = new Generator(DEFAULT_SEED);

/**
 * Seeds the default generator (like `torch.manual_seed`) and returns it.
 *
 * @example
 * ```ts
 * manualSeed(0).initialSeed(); // 0
 * ```
 */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}

/**
 * The seed the default generator was last seeded with (like `torch.initial_seed()`).
 *
 * @example
 * ```ts
 * initialSeed(); // 67280421310721 until someone seeds it
 * ```
 */
export function initialSeed(): number {
  return defaultGenerator.initialSeed();
}

/**
 * Reseeds the default generator non-deterministically (like `torch.seed()`) and returns the
 * new seed, which `manualSeed` accepts to replay the run.
 *
 * @example
 * ```ts
 * const s = seed();
 * manualSeed(s); // same numbers again
 * ```
 */
export function seed(): number {
  return defaultGenerator.seed();
}
