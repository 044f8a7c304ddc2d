import { crossEntropy } from '@torchlet/losses';
import { Embedding, LayerNorm, Linear, Module, scaledDotProductAttention } from '@torchlet/layers';
import { AdamW } from '@torchlet/optim';
import { manualSeed, setDefaultBackend, tensor, type Backend, type Tensor } from '@torchlet/tensor';

const vocab = 11;
const width = 16;
const heads = 2;
const batch = 4;
const context = 12;

/** One pre-LayerNorm block of causal self-attention over token and position embeddings. */
class TinyAttentionModel extends Module {
  wte = new Embedding(vocab, width);
  wpe = new Embedding(context, width);
  ln1 = new LayerNorm(width);
  query = new Linear(width, width);
  key = new Linear(width, width);
  value = new Linear(width, width);
  proj = new Linear(width, width);
  ln2 = new LayerNorm(width);
  head = new Linear(width, vocab);

  forward(idx: Tensor, positions: Tensor): Tensor {
    const [B, T] = idx.shape;
    const x = this.wte.forward(idx).add(this.wpe.forward(positions));
    const h = this.ln1.forward(x);
    // [B, T, C] → [B, heads, T, C / heads]
    const split = (t: Tensor) => t.reshape(B, T, heads, width / heads).transpose(1, 2);
    const y = scaledDotProductAttention(
      split(this.query.forward(h)),
      split(this.key.forward(h)),
      split(this.value.forward(h)),
      { isCausal: true },
    );
    const merged = y.transpose(1, 2).reshape(B, T, width);
    const out = x.add(this.proj.forward(merged));
    return this.head.forward(this.ln2.forward(out));
  }
}

/**
 * Trains a one-block causal self-attention model (token and position embeddings, LayerNorm,
 * two heads, a residual, a linear head) on `backend`, made the default while it runs, to predict
 * the token before each position: a task only attention can solve. The weights come from
 * `manualSeed(0)`, so every backend starts from the same ones, and the batch is fixed. Returns
 * the loss of every step; `onStep` sees the step number after each update.
 *
 * @example
 * ```ts
 * const losses = await trainAttentionModel(await gpujs({ mode: 'webasm' }), 20);
 * ```
 */
export async function trainAttentionModel(
  backend: Backend,
  steps: number,
  onStep?: (step: number) => Promise<void> | void,
): Promise<number[]> {
  const previous = setDefaultBackend(backend);
  try {
    manualSeed(0);
    const model = new TinyAttentionModel();
    const opt = new AdamW(model.namedParameters(), { lr: 3e-2, weightDecay: 0.01 });
    const tokens = Array.from({ length: batch }, (_, b) =>
      Array.from({ length: context }, (_, t) => (b * 5 + t * t * 3 + t) % vocab),
    );
    const idx = tensor(Int32Array.from(tokens.flat())).reshape(batch, context);
    const previousToken = tokens.flatMap((row) => row.map((_, t) => (t === 0 ? 0 : row[t - 1])));
    const target = tensor(Int32Array.from(previousToken));
    const positions = tensor(Int32Array.from({ length: context }, (_, t) => t));
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const logits = model.forward(idx, positions);
      const loss = crossEntropy(logits.reshape(batch * context, vocab), target);
      opt.zeroGrad();
      loss.backward();
      opt.step();
      losses.push((await loss.data())[0]);
      await onStep?.(step);
    }
    return losses;
  } finally {
    setDefaultBackend(previous);
  }
}
