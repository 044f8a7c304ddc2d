/**
 * The values of one plain log line; absent fields are left out of the line.
 *
 * @example
 * ```ts
 * formatLogLine({ step: 3, trainLoss: 0.5 } satisfies LogLineValues); // 'step    3 | train loss 0.5000'
 * ```
 */
export interface LogLineValues {
  /** The step index (0-based, as in `for (let step = 0; …)`). */
  step: number;
  /** The training loss of the step, printed as `train loss`. */
  trainLoss?: number;
  /** Validation metrics by name: `loss` and `accuracy` print as `val loss` / `val acc`. */
  val?: Readonly<Record<string, number>>;
  /** The learning rate, printed as `lr`. */
  lr?: number;
}

/**
 * Formats one progress line for logs and non-TTY output, in exactly this shape:
 *
 * `step  100 | train loss 1.3109 | val loss 1.3044 | val acc 0.310 | lr 2.96e-04`
 *
 * The step is right-aligned in 4 characters, losses have 4 decimals, accuracy 3, other metrics
 * 4 (`val f1 0.8123`, after accuracy), and the learning rate is in exponent form with 2
 * decimals and a two-digit exponent. Fields without a value are omitted.
 *
 * @example
 * ```ts
 * formatLogLine({ step: 100, trainLoss: 1.31094, val: { loss: 1.30441, accuracy: 0.31 }, lr: 2.96e-4 });
 * // 'step  100 | train loss 1.3109 | val loss 1.3044 | val acc 0.310 | lr 2.96e-04'
 * ```
 */
export function formatLogLine(values: LogLineValues): string {
  const { step, trainLoss, val, lr } = values;
  const fields = [`step ${String(step).padStart(4)}`];
  if (trainLoss !== undefined) fields.push(`train loss ${trainLoss.toFixed(4)}`);
  if (val !== undefined) {
    if (val.loss !== undefined) fields.push(`val loss ${val.loss.toFixed(4)}`);
    if (val.accuracy !== undefined) fields.push(`val acc ${val.accuracy.toFixed(3)}`);
    for (const [name, value] of Object.entries(val)) {
      if (name !== 'loss' && name !== 'accuracy') fields.push(`val ${name} ${value.toFixed(4)}`);
    }
  }
  if (lr !== undefined) fields.push(`lr ${exponent(lr)}`);
  return fields.join(' | ');
}

/** `2.96e-04`: like `toExponential(2)`, with at least two exponent digits as C's printf has. */
function exponent(value: number): string {
  return value.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2');
}
