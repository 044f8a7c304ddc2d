import { gelu, logSoftmax, softmax } from '@torchlet/activations';
import { LayerNorm } from '@torchlet/layers';
import {
  cpuBackend,
  withDefaultBackend,
  tensor,
  type Backend,
  type FusedKernels,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';
import type { GpuBuffer } from './gpu-buffer';
import { expectAttentionMatchesCpu } from '../test-support/expect-attention-matches-cpu';
import { expectCrossEntropyMatchesCpu } from '../test-support/expect-cross-entropy-matches-cpu';
import { expectFusedSpecialValues } from '../test-support/expect-fused-special-values';
import { trainArticleNetwork } from '../test-support/train-article-network';
import { trainAttentionModel } from '../test-support/train-attention-model';

type Calls = Record<keyof FusedKernels<GpuBuffer>, number>;

/** Wraps every fused kernel of `fused` with a call counter; the counts are live. */
function countCalls(fused: FusedKernels<GpuBuffer>): Calls {
  const calls = {} as Calls;
  for (const name of Object.keys(fused) as (keyof Calls)[]) {
    const kernel = fused[name] as (...args: unknown[]) => unknown;
    calls[name] = 0;
    (fused as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls[name]++;
      return kernel(...args);
    };
  }
  return calls;
}

const reset = (calls: Calls): void => {
  for (const name of Object.keys(calls) as (keyof Calls)[]) calls[name] = 0;
};

describe("gpujs 'webasm': training runs the fused kernels", async () => {
  const backend = await gpujs({ mode: 'webasm' });
  const calls = countCalls(backend.fused);

  it('offers every fused kernel of the spec', () => {
    expect(Object.keys(backend.fused).sort()).toEqual(
      [
        'adamStep',
        'attention',
        'attentionBackward',
        'crossEntropy',
        'crossEntropyBackward',
        'gelu',
        'geluBackward',
        'layerNorm',
        'layerNormBackward',
        'softmax',
        'softmaxBackward',
      ].sort(),
    );
  });

  it('gelu, LayerNorm, softmax and logSoftmax record the fused nodes; their backwards are one kernel each', () => {
    withDefaultBackend(backend as Backend, () => {
      reset(calls);
      const x = tensor(
        Array.from({ length: 3 }, (_, r) =>
          Array.from({ length: 8 }, (_, c) => Math.sin(r * 8 + c)),
        ),
      ).requiresGrad_();
      const h = new LayerNorm(8).forward(x);
      const a = gelu(h);
      const s = softmax(a, -1);
      const l = logSoftmax(a, 1);
      expect(x.device).toBe('gpujs:webasm');
      expect([h, a, s, l].map((t) => String(t.gradFn))).toEqual([
        '<NativeLayerNormBackward0>',
        '<GeluBackward0>',
        '<SoftmaxBackward0>',
        '<LogSoftmaxBackward0>',
      ]);
      s.mul(l).sum().backward();
      expect(x.grad?.shape).toEqual([3, 8]);
      expect(calls).toEqual({
        gelu: 1,
        geluBackward: 1,
        softmax: 2,
        softmaxBackward: 2,
        layerNorm: 1,
        layerNormBackward: 1,
        crossEntropy: 0,
        crossEntropyBackward: 0,
        adamStep: 0,
        attention: 0,
        attentionBackward: 0,
      });
    });
  });

  it("the article's network: each step runs the fused forward, backward and AdamW kernels, and compiles nothing after the first", async () => {
    reset(calls);
    const steps = 30;
    let compiledAfterFirst = 0;
    // The trace changes the learning rate every step and the Adam step count grows: both are
    // kernel arguments, so the cache stays as the first step left it.
    await trainArticleNetwork(backend as Backend, steps, (step) => {
      if (step === 0) compiledAfterFirst = backend.compiledKernels;
    });
    expect(backend.compiledKernels).toBe(compiledAfterFirst);
    // Two LayerNorm→GELU blocks, one cross entropy on 2-D logits (fused: no softmax), ten
    // parameters.
    expect(calls).toEqual({
      gelu: 2 * steps,
      geluBackward: 2 * steps,
      softmax: 0,
      softmaxBackward: 0,
      layerNorm: 2 * steps,
      layerNormBackward: 2 * steps,
      crossEntropy: steps,
      crossEntropyBackward: steps,
      adamStep: 10 * steps,
      attention: 0,
      attentionBackward: 0,
    });
  });

  it('a causal self-attention model: each step runs one attention kernel each way, compiles nothing after the first, and matches the CPU backend', async () => {
    const steps = 20;
    const want = await trainAttentionModel(cpuBackend as Backend, steps);
    reset(calls);
    let compiledAfterFirst = 0;
    const losses = await trainAttentionModel(backend as Backend, steps, (step) => {
      if (step === 0) compiledAfterFirst = backend.compiledKernels;
    });
    expect(backend.compiledKernels).toBe(compiledAfterFirst);
    // Two LayerNorms, one attention over [4, 2, 12, 8], one cross entropy, 16 parameters.
    expect(calls).toEqual({
      gelu: 0,
      geluBackward: 0,
      softmax: 0,
      softmaxBackward: 0,
      layerNorm: 2 * steps,
      layerNormBackward: 2 * steps,
      crossEntropy: steps,
      crossEntropyBackward: steps,
      adamStep: 16 * steps,
      attention: steps,
      attentionBackward: steps,
    });
    const worst = Math.max(...losses.map((l, i) => Math.abs(l - want[i]) / Math.abs(want[i])));
    expect(worst).toBeLessThan(1e-3);
    // The model learns to copy the previous token, which only attention can see.
    expect(losses[steps - 1]).toBeLessThan(0.1 * losses[0]);
  });
});

it("gpujs 'cpu': attention frees its [batch, L, S] intermediates: the forward leaves its 2 results, the backward its 3", async () => {
  const backend = await gpujs({ mode: 'cpu' });
  const up = (shape: number[]) => ({
    buffer: backend.upload(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)),
      'float32',
    ),
    dtype: 'float32' as const,
    shape,
    strides: shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1)),
    offset: 0,
  });
  const [q, k, v, grad, dropout] = [
    [4, 6, 3],
    [4, 5, 3],
    [4, 5, 2],
    [4, 6, 2],
    [4, 6, 5],
  ].map(up);
  const options = { causal: true, scale: 0.5 };
  const before = backend.liveBuffers;
  const f = backend.fused.attention!(q, k, v, null, dropout, options, 'float32');
  expect(backend.liveBuffers).toBe(before + 2);
  const r = backend.fused.attentionBackward!(
    grad,
    q,
    k,
    v,
    { ...grad, buffer: f.output },
    { ...grad, buffer: f.logSumExp, shape: [4, 6], strides: [6, 1] },
    null,
    dropout,
    options,
    'float32',
  );
  expect(backend.liveBuffers).toBe(before + 5);
  expect([r.gradQ.size, r.gradK.size, r.gradV.size]).toEqual([72, 60, 40]);
  backend.destroy();
});

for (const mode of ['cpu', 'webasm'] as const) {
  it(`gpujs '${mode}': fused kernels agree with the CPU backend on NaN, ±∞ and overflowing inputs`, async () => {
    const backend = await gpujs({ mode });
    await expectFusedSpecialValues(backend);
    backend.destroy();
  });

  it(`gpujs '${mode}': fused attention and its backward agree with the CPU backend (NaN queries, rows that keep no key, scores near 200, dropout)`, async () => {
    const backend = await gpujs({ mode });
    await expectAttentionMatchesCpu(backend);
    backend.destroy();
  });

  it(`gpujs '${mode}': fused crossEntropy and its backward agree with the CPU backend (ignored rows, large logits, NaN, ±∞)`, async () => {
    const backend = await gpujs({ mode });
    await expectCrossEntropyMatchesCpu(backend);
    backend.destroy();
  });
}
