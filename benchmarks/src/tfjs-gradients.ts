import { createRequire } from 'node:module';
import { getGradient } from '@tensorflow/tfjs-core';

let loaded = false;

/**
 * Registers TensorFlow.js's gradient functions, which tfjs-core's Node bundle leaves out (the
 * `@tensorflow/tfjs` umbrella imports them for its users). They ship only as extensionless ESM
 * that Node's ESM loader rejects, so they are `require`d, which tsx transpiles. Their registry
 * and engine are tfjs's process-wide globals, shared with the bundle the rest imports. Takes
 * ~2.5 s, once, so only the suites that train call it. Does nothing when the gradients are
 * registered already.
 *
 * @example
 * ```ts
 * registerTfjsGradients();
 * tf.variableGrads(() => tf.sum(tf.square(v)), [v]);
 * ```
 */
export function registerTfjsGradients(): void {
  // Already there when something else registered them (the vitest tests import them: vite
  // resolves their extensionless imports, which Node's require cannot).
  if (loaded || getGradient('Abs') !== undefined) return;
  createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  loaded = true;
}
