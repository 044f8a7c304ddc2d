import type { Tensor } from 'torchlet';

/**
 * The entropy, in nats, of the token frequencies of `data` (1-D int32): the loss of the best
 * model that ignores the context and always predicts those frequencies. A language model has
 * learned something about context once its loss is below it.
 *
 * @example
 * ```ts
 * unigramEntropy(tensor([0, 0, 1, 1], { dtype: 'int32' }), 2); // ln 2 = 0.6931…
 * ```
 */
export function unigramEntropy(data: Tensor, vocabSize: number): number {
  const counts = new Float64Array(vocabSize);
  const ids = data.dataSync();
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  let entropy = 0;
  for (const c of counts) {
    if (c > 0) entropy -= (c / ids.length) * Math.log(c / ids.length);
  }
  return entropy;
}
