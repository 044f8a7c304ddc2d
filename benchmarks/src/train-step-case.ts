import { randomFloat32 } from './random-inputs';

/** One training-step case: the model, its optimizer, and the batch it is timed on. */
export interface TrainStepCase {
  name: string;
  /** Feature sizes, input to output: `[16, 64, 64, 4]` is three Linear layers. */
  dims: readonly number[];
  /** Between two Linear layers: LayerNorm then exact GELU, or ReLU. */
  hidden: 'layernorm-gelu' | 'relu';
  /** `adamw` has decoupled weight decay; `adam` has none. */
  optimizer: 'adamw' | 'adam';
  lr: number;
  weightDecay: number;
  /** Global gradient-norm clip, or none. */
  clip?: number;
  batch: number;
  /** steps/s for the small net (per-step overhead), samples/s for the wide MLP. */
  unit: 'steps/s' | 'samples/s';
}

/** Initial weights and one batch, shared by every implementation. */
export interface TrainStepData {
  x: Float32Array;
  y: Int32Array;
  /** Per Linear layer: weight `[out, in]` row-major (PyTorch's layout) and bias `[out]`. */
  linears: { weight: Float32Array; bias: Float32Array }[];
}

/**
 * The same seeded inputs and initial weights for a case, so every implementation starts from
 * identical parameters and their first losses can be compared. Weights are uniform in
 * ±1/√fanIn, the scale of PyTorch's Linear init.
 *
 * @example
 * ```ts
 * const { x, y, linears } = trainStepData(NET_CASE);
 * ```
 */
export function trainStepData(c: TrainStepCase): TrainStepData {
  const { dims, batch } = c;
  const classes = dims[dims.length - 1];
  const linears = dims.slice(1).map((out, i) => {
    const scale = 1 / Math.sqrt(dims[i]);
    const weight = randomFloat32(out * dims[i], 100 + i).map((v) => v * scale);
    const bias = randomFloat32(out, 200 + i).map((v) => v * scale);
    return { weight, bias };
  });
  const labels = randomFloat32(batch, 7);
  const y = Int32Array.from(labels, (v) =>
    Math.min(classes - 1, Math.floor(((v + 1) / 2) * classes)),
  );
  return { x: randomFloat32(batch * dims[0], 3), y, linears };
}
