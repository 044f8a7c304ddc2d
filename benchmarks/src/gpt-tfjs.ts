import type { Scalar, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import { gptParams, type GptCase, type GptData } from './gpt-case';
import { tfjsBackend, type TfjsBackendName } from './tfjs-backend';
import type { TfjsTrainer } from './train-step-tfjs';
import { registerTfjsGradients } from './tfjs-gradients';

/**
 * The GPT step of {@link torchletGptTrainer} in TensorFlow.js on `backend`, written as a TF.js
 * user would port nanoGPT: `tf.variable` weights (Linear weights in TF's `[in, out]` layout),
 * `tf.tidy` around the step, 2-D matmuls on the `[B·T, C]` activations, attention composed as
 * `softmax(q·kᵀ·scale + mask)·v` with batched matmuls, LayerNorm from `tf.moments`, exact (erf)
 * GELU. Two workarounds, each the usual one: the token embedding is `oneHot(idx)·wte` (the
 * gradient of `tf.gather` needs UnsortedSegmentSum, which tfjs-backend-wasm lacks; the product
 * is 0.2% of the step's flops), and AdamW is written by hand as in the Net case (decoupled decay
 * of the decay group after the gradients and before `tf.train.adam`'s update, gradients from `tf.variableGrads` scaled
 * by `min(1, clip / norm)`). The lm head reuses the `wte` variable, so the tie holds.
 *
 * @example
 * ```ts
 * const t = await tfjsGptTrainer('wasm', GPT, gptData(GPT));
 * t.step();
 * t.dispose();
 * ```
 */
export async function tfjsGptTrainer(
  backend: TfjsBackendName,
  c: GptCase,
  data: GptData,
): Promise<TfjsTrainer> {
  registerTfjsGradients();
  const tf = await tfjsBackend(backend);
  const [B, T, C, H] = [c.batch, c.blockSize, c.nEmbd, c.nHead];
  const D = C / H;
  const specs = gptParams(c);
  const vars = new Map<string, Variable>();
  for (const { name, shape } of specs) {
    const values = data.params.get(name)!;
    // PyTorch's Linear weight is [out, in]; TF's dense layers keep [in, out].
    const isLinear = shape.length === 2 && !name.startsWith('wte') && !name.startsWith('wpe');
    const init = tf.tidy(() => {
      const t = tf.tensor(values, shape);
      return isLinear ? tf.transpose(t) : t;
    });
    vars.set(name, tf.variable(init, true, name.replace(/\./g, '/')));
  }
  const v = (name: string) => vars.get(name)!;
  const decayVars = specs.filter((s) => s.decay).map((s) => v(s.name));
  const allVars = [...vars.values()];
  const tokens = tf.tidy(() =>
    tf.cast(tf.oneHot(tf.tensor1d(data.idx, 'int32'), c.vocabSize), 'float32'),
  );
  const labels = tf.tidy(() =>
    tf.cast(tf.oneHot(tf.tensor1d(data.targets, 'int32'), c.vocabSize), 'float32'),
  );
  // Additive causal mask: 0 on and below the diagonal, −∞ above.
  const mask = tf.tidy(() =>
    tf.where(
      tf.greater(tf.reshape(tf.range(0, T), [1, T]), tf.reshape(tf.range(0, T), [T, 1])),
      tf.fill([T, T], -Infinity),
      tf.zeros([T, T]),
    ),
  );
  const optimizer = tf.train.adam(c.lr, c.betas[0], c.betas[1], 1e-8);

  const withBias = (x: Tensor, prefix: string) => (c.bias ? tf.add(x, v(`${prefix}.bias`)) : x);
  const layerNorm = (x: Tensor, prefix: string): Tensor => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5)));
    return withBias(tf.mul(normed, v(`${prefix}.weight`)), prefix);
  };
  const linear = (x: Tensor, prefix: string): Tensor =>
    withBias(tf.matMul(x as Tensor2D, v(`${prefix}.weight`) as Tensor2D), prefix);
  // [B·T, C] → [B, H, T, D]
  const heads = (x: Tensor) => tf.transpose(tf.reshape(x, [B, T, H, D]), [0, 2, 1, 3]);

  const attention = (x: Tensor, prefix: string): Tensor => {
    const [q, k, val] = tf.split(linear(x, `${prefix}.cAttn`), 3, -1).map(heads);
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(D)), mask);
    const y = tf.matMul(tf.softmax(scores), val); // [B, H, T, D]
    return linear(tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B * T, C]), `${prefix}.cProj`);
  };

  const lossFn = (): Scalar => {
    let x: Tensor = tf.add(
      tf.reshape(tf.matMul(tokens as Tensor2D, v('wte.weight') as Tensor2D), [B, T, C]),
      v('wpe.weight'),
    );
    x = tf.reshape(x, [B * T, C]);
    for (let i = 0; i < c.nLayer; i++) {
      const h = `h.${i}`;
      x = tf.add(x, attention(layerNorm(x, `${h}.ln1`), `${h}.attn`));
      const u = linear(layerNorm(x, `${h}.ln2`), `${h}.mlp.cFc`);
      const g = tf.mul(tf.mul(u, 0.5), tf.add(tf.erf(tf.mul(u, Math.SQRT1_2)), 1));
      x = tf.add(x, linear(g, `${h}.mlp.cProj`));
    }
    const logits = tf.matMul(
      layerNorm(x, 'lnF') as Tensor2D,
      v('wte.weight') as Tensor2D,
      false,
      true,
    );
    return tf.losses.softmaxCrossEntropy(labels, logits);
  };

  return {
    step: () => {
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(lossFn, allVars);
        // Decoupled decay after the gradients and before the Adam update, as PyTorch's AdamW.
        for (const w of decayVars) w.assign(tf.mul(w, 1 - c.lr * c.weightDecay));
        const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
        const scale = tf.minimum(1, tf.div(c.clip, tf.add(norm, 1e-6)));
        optimizer.applyGradients(
          Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)])),
        );
        return value;
      });
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([tokens, labels, mask, ...allVars]);
    },
  };
}
