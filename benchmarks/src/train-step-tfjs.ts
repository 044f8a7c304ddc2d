import type { TrainStepCase, TrainStepData } from './train-step-case';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tfjsBackend, type TfjsBackendName } from './tfjs-backend';
import { registerTfjsGradients } from './tfjs-gradients';

/** A TensorFlow.js training step and the cleanup of everything it holds. */
export interface TfjsTrainer {
  /** One step; returns the loss before the update, read with dataSync(). */
  step(): number;
  dispose(): void;
}

/**
 * The same model and optimizer as torchlet's in TensorFlow.js on `backend`, written as a TF.js
 * user would: tf.variable weights (`[in, out]`, TF's layout, so the forward matmul is plain
 * x·W), `tf.tidy` around each step, and `optimizer.minimize`. TF.js has no AdamW and no
 * clip-by-global-norm option, so for the Net case weight decay is applied by hand (decoupled,
 * before the Adam update, as PyTorch's AdamW does) and gradients come from `tf.variableGrads`,
 * scaled by `min(1, clip / norm)` before `applyGradients`.
 *
 * @example
 * ```ts
 * const t = await tfjsTrainer('wasm', NET_CASE, trainStepData(NET_CASE));
 * t.step();
 * t.dispose();
 * ```
 */
export async function tfjsTrainer(
  backend: TfjsBackendName,
  c: TrainStepCase,
  data: TrainStepData,
): Promise<TfjsTrainer> {
  registerTfjsGradients();
  const tf = await tfjsBackend(backend);
  const classes = c.dims[c.dims.length - 1];
  const x = tf.tensor2d(data.x, [c.batch, c.dims[0]]);
  const labels = tf.tidy(() =>
    tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), classes), 'float32'),
  );
  const layers = data.linears.map(({ weight, bias }, i) => {
    const [inF, outF] = [c.dims[i], c.dims[i + 1]];
    const hasNorm = c.hidden === 'layernorm-gelu' && i < data.linears.length - 1;
    return {
      w: tf.variable(tf.tidy(() => tf.transpose(tf.tensor2d(weight, [outF, inF])))),
      b: tf.variable(tf.tensor1d(bias)),
      norm: hasNorm ? { g: tf.variable(tf.ones([outF])), b: tf.variable(tf.zeros([outF])) } : null,
    };
  });
  const vars = layers.flatMap((l) => (l.norm ? [l.w, l.b, l.norm.g, l.norm.b] : [l.w, l.b]));
  // Explicit epsilon: TF.js defaults to its backend's 1e-7, PyTorch (and torchlet) to 1e-8.
  const optimizer = tf.train.adam(c.lr, 0.9, 0.999, 1e-8);

  const lossFn = (): Scalar => {
    let h: Tensor = x;
    layers.forEach((l, i) => {
      h = tf.add(tf.matMul(h, l.w), l.b);
      if (i === layers.length - 1) return;
      if (l.norm) {
        const { mean, variance } = tf.moments(h, -1, true);
        const normed = tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, 1e-5)));
        h = tf.add(tf.mul(normed, l.norm.g), l.norm.b);
        // Exact (erf) GELU, torch's and torchlet's default.
        h = tf.mul(tf.mul(h, 0.5), tf.add(tf.erf(tf.mul(h, Math.SQRT1_2)), 1));
      } else {
        h = tf.relu(h);
      }
    });
    return tf.losses.softmaxCrossEntropy(labels, h);
  };

  const clipped = (clip: number) => {
    const { value, grads } = tf.variableGrads(lossFn, vars);
    const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
    const scale = tf.minimum(1, tf.div(clip, tf.add(norm, 1e-6)));
    optimizer.applyGradients(
      Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)])),
    );
    return value;
  };

  return {
    step: () => {
      const loss = tf.tidy(() => {
        if (c.weightDecay !== 0) {
          for (const v of vars) v.assign(tf.mul(v, 1 - c.lr * c.weightDecay));
        }
        return c.clip === undefined ? optimizer.minimize(lossFn, true, vars)! : clipped(c.clip);
      });
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([x, labels, ...vars]);
    },
  };
}
