import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The two TensorFlow.js backends torchlet is compared with. */
export type TfjsBackendName = 'cpu' | 'wasm';

// The wasm binaries ship in the package's dist/; pointing there keeps Node offline (no CDN).
const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
setWasmPaths(`${wasmDist}/`);
// Production mode skips debug checks (as in a deployed app) and the "install tfjs-node" banner.
tf.enableProdMode();

/**
 * Makes `backend` TensorFlow.js's active backend (the first call compiles the wasm module) and
 * returns the `tf` namespace. Tensors should be created after the switch, so they live there.
 *
 * @example
 * ```ts
 * const tf = await tfjsBackend('wasm');
 * const x = tf.tensor2d(data, [n, n]);
 * ```
 */
export async function tfjsBackend(backend: TfjsBackendName): Promise<typeof tf> {
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
    throw new Error(`tfjs: backend ${backend} failed to initialise`);
  }
  await tf.ready();
  return tf;
}
