import { cat, multinomial, noGrad, softmax, Tensor, type Generator } from 'torchlet';
import type { GPT } from './gpt';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Divides the logits: below 1 sharpens the distribution, above 1 flattens it. Default 1. */
  temperature?: number;
  /** Sample only among the `topK` most likely tokens (default: all). */
  topK?: number;
  /** Draw from this generator (default: the global one of `manualSeed`). */
  generator?: Generator;
}

/**
 * nanoGPT's `generate`: extends each row of `idx` (`[B, T]` int32 token ids) by `maxNewTokens`
 * tokens, one at a time. Each step crops the context to the model's `blockSize`, takes the
 * logits of the last position, divides them by `temperature`, keeps the `topK` largest (the
 * rest become -∞), and samples the next token from their softmax with `multinomial`, which draws
 * what `torch.multinomial` draws after the same seed. Runs under `noGrad` in eval mode and puts
 * the model's mode back afterwards.
 *
 * @example
 * ```ts
 * manualSeed(1337);
 * const out = generate(model, vocab.encode('Call me ').view(1, -1), 200, { temperature: 0.8, topK: 20 });
 * console.log(vocab.decode(out.select(0, 0)));
 * ```
 */
export function generate(
  model: GPT,
  idx: Tensor,
  maxNewTokens: number,
  options: GenerateOptions = {},
): Tensor {
  const { temperature = 1, topK, generator } = options;
  const { blockSize, vocabSize } = model.config;
  if (!(idx instanceof Tensor) || idx.ndim !== 2 || idx.dtype !== 'int32' || idx.shape[1] < 1) {
    throw new TypeError(
      `generate: expected idx to be int32 token ids [B, T] with T >= 1, got ` +
        (idx instanceof Tensor ? `${idx.dtype} [${idx.shape.join(', ')}]` : typeof idx) +
        '; pass vocab.encode(prompt).view(1, -1)',
    );
  }
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) {
    throw new RangeError(`generate: maxNewTokens must be an integer >= 0, got ${maxNewTokens}`);
  }
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`generate: temperature must be a finite number > 0, got ${temperature}`);
  }
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) {
    throw new RangeError(`generate: topK must be an integer >= 1, got ${topK}`);
  }
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      for (let i = 0; i < maxNewTokens; i++) {
        const t = idx.shape[1];
        const idxCond = t <= blockSize ? idx : idx.narrow(1, t - blockSize, blockSize);
        // Only the last position's logits predict the next token: [B, vocabSize].
        let logits = model.forward(idxCond).select(1, -1).div(temperature);
        if (topK !== undefined) {
          const k = Math.min(topK, vocabSize);
          const kth = logits.topk(k).values.narrow(1, k - 1, 1); // the k-th largest, [B, 1]
          logits = logits.maskedFill(logits.lt(kth), -Infinity);
        }
        const probs = softmax(logits, -1);
        idx = cat([idx, multinomial(probs, 1, { generator })], 1);
      }
      return idx;
    });
  } finally {
    model.train(wasTraining);
  }
}
