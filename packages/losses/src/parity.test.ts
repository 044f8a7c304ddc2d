import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
// Attaches the gradient engine, so that out.backward() works.
import '@torchlet/autograd';
import { bceWithLogits, crossEntropy, mseLoss } from './index';

interface Arr {
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  attrs: Record<string, number>;
  inputs: Arr[];
  ints: Arr[];
  output: Arr;
  upstream: Arr;
  grads: Arr[];
}

// The shared PyTorch reference traces; the numbers are read, never copied into the test.
const fixture = JSON.parse(
  readFileSync(new URL('../../../../shared/parity/ops.json', import.meta.url), 'utf8'),
) as { torch: string; cases: Case[] };

const toTensor = (a: Arr, requiresGrad = false): Tensor =>
  tensor(Float32Array.from(a.data)).reshape(a.shape).requiresGrad_(requiresGrad);
const toInts = (a: Arr): Tensor => tensor(Int32Array.from(a.data)).reshape(a.shape);

/** The ops.json cases of this package, as gen_parity.py wrote them (losses reshaped to [1]). */
const ops: Record<string, (c: Case, ...xs: Tensor[]) => Tensor> = {
  cross_entropy: (c, logits) => crossEntropy(logits, toInts(c.ints[0])),
  cross_entropy_smooth: (c, logits) =>
    crossEntropy(logits, toInts(c.ints[0]), { labelSmoothing: c.attrs.labelSmoothing }),
  cross_entropy_ignore: (c, logits) =>
    crossEntropy(logits, toInts(c.ints[0]), { ignoreIndex: c.attrs.ignoreIndex }),
  mse: (_c, input, target) => mseLoss(input, target),
  bce_with_logits: (_c, logits, target) => bceWithLogits(logits, target),
};

/** Largest error, relative where |expected| > 1 and absolute below (the 1e-5 rule). */
function maxError(actual: ArrayLike<number>, expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= worst)) worst = err; // NaN counts as the worst
  }
  return worst;
}

describe(`parity with PyTorch ${fixture.torch} (shared/parity/ops.json)`, () => {
  it('has every case this package covers', () => {
    const names = fixture.cases.map((c) => c.name);
    for (const name of Object.keys(ops)) expect(names).toContain(name);
  });

  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: output and input gradients within 1e-5`, () => {
      const c = fixture.cases.find((k) => k.name === name)!;
      const inputs = c.inputs.map((a) => toTensor(a, true));
      const out = op(c, ...inputs).reshape([1]);
      expect(out.shape).toEqual(c.output.shape);
      expect(maxError(out.dataSync(), c.output.data)).toBeLessThan(1e-5);
      out.backward(toTensor(c.upstream));
      inputs.forEach((x, i) => {
        expect(x.grad, `grad of input ${i}`).not.toBeNull();
        expect(x.grad!.shape).toEqual(c.grads[i].shape);
        expect(maxError(x.grad!.dataSync(), c.grads[i].data)).toBeLessThan(1e-5);
      });
    });
  }
});
