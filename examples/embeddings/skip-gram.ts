import {
  bceWithLogits,
  cat,
  Embedding,
  Module,
  ones,
  uniform_,
  zeros,
  zeros_,
  type Tensor,
} from 'torchlet';

/**
 * Skip-gram with negative sampling (word2vec): every word has an input vector (the embedding
 * we keep) and an output vector. A (centre, context) pair should score a high dot product, and
 * the centre word against noise words a low one.
 *
 * @example
 * ```ts
 * const model = new SkipGram(vocab.words.length, 64);
 * const loss = model.loss(model.forward(center, targets)); // targets: [B, 1 + K], true word first
 * ```
 */
export class SkipGram extends Module {
  inEmbed: Embedding;
  outEmbed: Embedding;

  constructor(vocabSize: number, dim: number) {
    super();
    this.inEmbed = new Embedding(vocabSize, dim);
    this.outEmbed = new Embedding(vocabSize, dim);
    // word2vec's start: small random input vectors and zero output vectors, so every score
    // starts at 0 and the first loss is exactly (1 + K)·log 2.
    uniform_(this.inEmbed.weight, -0.5 / dim, 0.5 / dim);
    zeros_(this.outEmbed.weight);
  }

  /** The scores `[B, 1 + K]` of each centre word `[B]` against its targets `[B, 1 + K]`. */
  forward(center: Tensor, targets: Tensor): Tensor {
    const v = this.inEmbed.forward(center).unsqueeze(1); // [B, 1, D]
    return this.outEmbed.forward(targets).mul(v).sum(-1);
  }

  /**
   * The negative-sampling loss: `-log σ(true score) - Σ log σ(-noise score)`, averaged over
   * the batch (binary cross-entropy with the true word labelled 1 and the noise words 0).
   */
  loss(scores: Tensor): Tensor {
    const [batch, width] = scores.shape;
    const labels = cat([ones([batch, 1]), zeros([batch, width - 1])], 1);
    return bceWithLogits(scores, labels, { reduction: 'sum' }).div(batch);
  }
}
