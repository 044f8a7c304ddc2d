import { randomFloat32 } from './random-inputs';

/** A character GPT in nanoGPT's shape, and the batch and optimizer of its benchmarked step. */
export interface GptCase {
  name: string;
  vocabSize: number;
  /** Context length T; every step uses full blocks, so the position table is used whole. */
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  /** Biases in the Linear layers and LayerNorms (nanoGPT's `bias`; GPT-2 has them). */
  bias: boolean;
  batch: number;
  lr: number;
  betas: [number, number];
  /** AdamW decay of the weights with ≥ 2 dims; biases and LayerNorm parameters get none. */
  weightDecay: number;
  /** Global gradient-norm clip. */
  clip: number;
}

/**
 * The benchmarked GPT: examples/gpt's default model and step (nanoGPT's Shakespeare-char shape
 * scaled down to train on a 2-core CPU: no biases, AdamW with betas 0.9/0.99, weight decay 0.1,
 * clip 1.0) with vocab 65: 0.8M parameters, 1,024 tokens a step, ~5 GFLOP forward and backward.
 */
export const GPT: GptCase = {
  name: 'GPT 4×128 h4 T=64 b=16',
  vocabSize: 65,
  blockSize: 64,
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  bias: false,
  batch: 16,
  lr: 2e-3,
  betas: [0.9, 0.99],
  weightDecay: 0.1,
  clip: 1.0,
};

/** One named parameter: its PyTorch-layout shape (`Linear` weights are `[out, in]`). */
export interface GptParam {
  name: string;
  shape: number[];
  /** Decayed by AdamW: the weights with ≥ 2 dims, as nanoGPT's `configure_optimizers`. */
  decay: boolean;
}

/**
 * The parameters of {@link GptCase}'s model in `namedParameters()` order, under the names every
 * implementation of the benchmark uses (the TypeScript field names; the Python model is written
 * with the same attribute names). `lmHead.weight` is tied to `wte.weight`, so it is not listed.
 *
 * @example
 * ```ts
 * gptParams(GPT)[0]; // { name: 'wte.weight', shape: [65, 128], decay: true }
 * ```
 */
export function gptParams(c: GptCase): GptParam[] {
  const C = c.nEmbd;
  const out: GptParam[] = [];
  const p = (name: string, ...shape: number[]) =>
    out.push({ name, shape, decay: shape.length >= 2 });
  // A Linear's or LayerNorm's weight, then its bias when the model has them.
  const layer = (name: string, ...shape: number[]) => {
    p(`${name}.weight`, ...shape);
    if (c.bias) p(`${name}.bias`, shape[0]);
  };
  p('wte.weight', c.vocabSize, C);
  p('wpe.weight', c.blockSize, C);
  for (let i = 0; i < c.nLayer; i++) {
    const h = `h.${i}`;
    layer(`${h}.ln1`, C);
    layer(`${h}.attn.cAttn`, 3 * C, C);
    layer(`${h}.attn.cProj`, C, C);
    layer(`${h}.ln2`, C);
    layer(`${h}.mlp.cFc`, 4 * C, C);
    layer(`${h}.mlp.cProj`, C, 4 * C);
  }
  layer('lnF', C);
  return out;
}

/** Initial weights and one batch of token ids, shared by every implementation. */
export interface GptData {
  /** Token ids `[batch, blockSize]`, row-major. */
  idx: Int32Array;
  /** The next-token targets, same shape. */
  targets: Int32Array;
  /** Per parameter of {@link gptParams}, in its order: the values, row-major. */
  params: Map<string, Float32Array>;
}

/**
 * Seeded initial weights in nanoGPT's scale and one seeded batch, so that every implementation
 * starts from identical parameters and their losses can be compared step by step. Weights are
 * uniform with standard deviation 0.02 (0.02/√(2·nLayer) for the residual projections `cProj`,
 * as nanoGPT's init), biases (when the case has them) small and uniform (±0.02, so a port that
 * drops a bias loses parity at the first step), LayerNorms at weight 1 and bias 0.
 *
 * @example
 * ```ts
 * const { idx, targets, params } = gptData(GPT);
 * ```
 */
export function gptData(c: GptCase): GptData {
  const params = new Map<string, Float32Array>();
  gptParams(c).forEach(({ name, shape }, i) => {
    const n = shape.reduce((a, b) => a * b, 1);
    if (/ln\w*\.weight$/.test(name)) params.set(name, new Float32Array(n).fill(1));
    else if (/ln\w*\.bias$/.test(name)) params.set(name, new Float32Array(n));
    else {
      const std = name.endsWith('cProj.weight') ? 0.02 / Math.sqrt(2 * c.nLayer) : 0.02;
      // Uniform in ±a has standard deviation a/√3; biases get ±0.02.
      const a = name.endsWith('.bias') ? 0.02 : std * Math.sqrt(3);
      params.set(
        name,
        randomFloat32(n, 1000 + i).map((v) => v * a),
      );
    }
  });
  const tokens = c.batch * c.blockSize;
  const ids = (seed: number) =>
    Int32Array.from(randomFloat32(tokens, seed), (v) =>
      Math.min(c.vocabSize - 1, Math.floor(((v + 1) / 2) * c.vocabSize)),
    );
  return { idx: ids(11), targets: ids(12), params };
}
