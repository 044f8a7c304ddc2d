import { defaultGenerator, Generator } from '@torchlet/tensor';

/**
 * The indices `0..n-1` in random order, drawn exactly as PyTorch 1.13's `RandomSampler`
 * draws them (a lazy generator, like Python's):
 *
 * - with a `generator`, `randperm(n)` comes from it;
 * - without one, a seed is taken from the default generator the way
 *   `int(torch.empty((), dtype=torch.int64).random_().item())` takes it (one 64-bit draw,
 *   two 32-bit words, high word first) and a fresh generator seeded with it draws the
 *   permutation (only the seed's low 32 bits reach the Mersenne Twister);
 * - once the permutation is used up, a second `randperm(n)` is drawn and discarded, as
 *   `torch.randperm(n).tolist()[:num_samples % n]` does, so the next epoch sees the same
 *   generator state as in PyTorch.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(0);
 * [...randomSampler(5, g)]; // torch.randperm(5, generator=torch.Generator().manual_seed(0))
 * ```
 */
export function* randomSampler(n: number, generator?: Generator | null): IterableIterator<number> {
  let g = generator ?? null;
  if (g === null) {
    defaultGenerator.nextUint32();
    g = new Generator(defaultGenerator.nextUint32());
  }
  yield* g.randperm(n);
  g.randperm(n);
}
