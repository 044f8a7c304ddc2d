/**
 * Hyperparameters of {@link Adam} and {@link AdamW}, as `torch.optim.Adam` and
 * `torch.optim.AdamW` take them (camelCase). Each may also be set per param group, and
 * `opt.paramGroups[i].lr = …` takes effect at the next step.
 *
 * @example
 * ```ts
 * const options: AdamOptions = { lr: 3e-4, betas: [0.9, 0.95], weightDecay: 0.1 };
 * const opt = new AdamW(model.namedParameters(), options);
 * ```
 */
export interface AdamOptions {
  /** Learning rate. Default `1e-3`. */
  lr?: number;
  /**
   * Coefficients of the running averages of the gradient and of its square, each in `[0, 1)`.
   * Default `[0.9, 0.999]`.
   */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability; must be > 0. Default `1e-8`. */
  eps?: number;
  /**
   * Weight decay, >= 0. In `Adam` an L2 penalty added to the gradient (`g += weightDecay·p`,
   * default `0`); in `AdamW` a decoupled decay of the weights (`p *= 1 − lr·weightDecay`,
   * default `0.01`), as in PyTorch.
   */
  weightDecay?: number;
  /** Use the AMSGrad variant (the running maximum of the second moment). Default `false`. */
  amsgrad?: boolean;
}

/** The options of {@link AdamW}: the same as {@link AdamOptions} (kept as a name of its own). */
export type AdamWOptions = AdamOptions;
