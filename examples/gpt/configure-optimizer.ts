import { AdamW, type Module } from 'torchlet';

/** Options of {@link configureOptimizer}. */
export interface ConfigureOptimizerOptions {
  lr: number;
  weightDecay: number;
  betas: [number, number];
}

/**
 * nanoGPT's `configure_optimizers`: AdamW with two groups. Weight matrices and embeddings (2 or
 * more dims) are decayed; biases and LayerNorm gains (1 dim) are not. The tied embedding is one
 * parameter, so it is listed (and decayed) once.
 *
 * @example
 * ```ts
 * const optimizer = configureOptimizer(model, { lr: 1e-3, weightDecay: 0.1, betas: [0.9, 0.99] });
 * optimizer.paramGroups.map((g) => g.weightDecay); // [0.1, 0]
 * ```
 */
export function configureOptimizer(model: Module, options: ConfigureOptimizerOptions): AdamW {
  const params = model.namedParameters();
  const decay = params.filter(([, p]) => p.ndim >= 2);
  const noDecay = params.filter(([, p]) => p.ndim < 2);
  return new AdamW(
    [
      { params: decay, weightDecay: options.weightDecay },
      { params: noDecay, weightDecay: 0 },
    ],
    { lr: options.lr, betas: options.betas },
  );
}
