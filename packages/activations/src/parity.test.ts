import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
// Attaches the gradient engine, so that out.backward() works.
import '@torchlet/autograd';
import { gelu, logSoftmax, relu, sigmoid, silu, softmax, tanh } from './index';

interface Arr {
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  inputs: Arr[];
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

/** The ops.json cases of this package, written as gen_parity.py wrote them. */
const ops: Record<string, (x: Tensor) => Tensor> = {
  relu: (x) => relu(x),
  gelu: (x) => gelu(x),
  gelu_tanh: (x) => gelu(x, { approximate: 'tanh' }),
  silu: (x) => silu(x),
  sigmoid: (x) => sigmoid(x),
  tanh: (x) => tanh(x),
  softmax_last: (x) => softmax(x, -1),
  log_softmax_last: (x) => logSoftmax(x, -1),
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
    it(`${name}: output and input gradient within 1e-5`, () => {
      const c = fixture.cases.find((k) => k.name === name)!;
      const x = toTensor(c.inputs[0], true);
      const out = op(x);
      expect(out.shape).toEqual(c.output.shape);
      expect(maxError(out.dataSync(), c.output.data)).toBeLessThan(1e-5);
      out.backward(toTensor(c.upstream));
      expect(x.grad).not.toBeNull();
      expect(x.grad!.shape).toEqual(c.grads[0].shape);
      expect(maxError(x.grad!.dataSync(), c.grads[0].data)).toBeLessThan(1e-5);
    });
  }
});
