import { checkOptions as checkOptionKeys } from '@torchlet/tensor';

/** Names other libraries use for an option, mapped to ours (optax, Keras, the papers). */
const ALIASES: Readonly<Record<string, string>> = {
  learningRate: 'lr',
  epsilon: 'eps',
  beta1: 'betas',
  beta2: 'betas',
  decay: 'weightDecay',
  wd: 'weightDecay',
};

/**
 * tensor's `checkOptions`, also suggesting optim's names for other libraries' spellings
 * (`learningRate` → `lr`). Options must be an object: optimizers always pass one.
 *
 * @example
 * ```ts
 * checkOptions('AdamW', { learningRate: 0.1 }, ['lr', 'weightDecay']);
 * // TypeError: AdamW: unknown option 'learningRate'; did you mean 'lr'?
 * ```
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) {
    throw new TypeError(
      `${op}: expected options to be an object like { ${allowed[0]}: … }, got undefined`,
    );
  }
  checkOptionKeys(op, options, allowed, ALIASES);
}
