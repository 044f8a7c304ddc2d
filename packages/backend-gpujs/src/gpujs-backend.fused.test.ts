import { gelu, logSoftmax, softmax } from '@torchlet/activations';
import { LayerNorm } from '@torchlet/layers';
import { setDefaultBackend, tensor, type Backend, type FusedKernels } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';
import type { GpuBuffer } from './gpu-buffer';
import { expectCrossEntropyMatchesCpu } from '../test-support/expect-cross-entropy-matches-cpu';
import { expectFusedSpecialValues } from '../test-support/expect-fused-special-values';
import { trainArticleNetwork } from '../test-support/train-article-network';

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
    const previous = setDefaultBackend(backend as Backend);
    try {
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
      });
    } finally {
      setDefaultBackend(previous);
    }
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
    });
  });
});

for (const mode of ['cpu', 'webasm'] as const) {
  it(`gpujs '${mode}': fused kernels agree with the CPU backend on NaN, ±∞ and overflowing inputs`, async () => {
    const backend = await gpujs({ mode });
    await expectFusedSpecialValues(backend);
    backend.destroy();
  });

  it(`gpujs '${mode}': fused crossEntropy and its backward agree with the CPU backend (ignored rows, large logits, NaN, ±∞)`, async () => {
    const backend = await gpujs({ mode });
    await expectCrossEntropyMatchesCpu(backend);
    backend.destroy();
  });
}
