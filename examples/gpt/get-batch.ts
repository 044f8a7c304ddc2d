import { randint, stack, type Generator, type Tensor } from 'torchlet';

/**
 * nanoGPT's `get_batch`: `batchSize` random windows of `blockSize` tokens from `data` (1-D
 * int32), and the same windows shifted by one token as the targets, so position `t` of `y` is the
 * token that follows `x[..t]`.
 *
 * @example
 * ```ts
 * const [x, y] = getBatch(trainData, 64, 32); // both [32, 64] int32
 * ```
 */
export function getBatch(
  data: Tensor,
  blockSize: number,
  batchSize: number,
  generator?: Generator,
): [Tensor, Tensor] {
  const n = data.shape[0];
  if (n <= blockSize) {
    throw new RangeError(
      `getBatch: the data has ${n} tokens, too few for windows of blockSize ${blockSize} plus ` +
        'one target; use a shorter blockSize or more text',
    );
  }
  const ix = Array.from(randint(0, n - blockSize, [batchSize], { generator }).dataSync());
  const x = stack(ix.map((i) => data.narrow(0, i, blockSize)));
  const y = stack(ix.map((i) => data.narrow(0, i + 1, blockSize)));
  return [x, y];
}
