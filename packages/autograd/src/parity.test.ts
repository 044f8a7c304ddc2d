import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import './index';

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

const fixture = JSON.parse(
  readFileSync(new URL('../../../../shared/parity/ops.json', import.meta.url), 'utf8'),
) as { torch: string; cases: Case[] };

const toTensor = (a: Arr, requiresGrad = false): Tensor =>
  tensor(Float32Array.from(a.data), { requiresGrad: false })
    .reshape(a.shape)
    .detach()
    .requiresGrad_(requiresGrad);

/** The cases that tensor and autograd cover on their own, written as PyTorch wrote them. */
const ops: Record<string, (...xs: Tensor[]) => Tensor> = {
  add_broadcast: (p, q) => p.add(q),
  mul_broadcast: (p, q) => p.mul(q),
  div_broadcast: (p, q) => p.div(q),
  bmm: (a, b) => a.matmul(b),
  matmul_broadcast: (a, b) => a.matmul(b),
  transpose_matmul: (a) => a.matmul(a.transpose(-1, -2)),
  sum_axis1_keepdim: (x) => x.sum(1, true),
  mean_last: (x) => x.mean(-1),
  pow2_scale_neg: (x) => x.pow(2).mul(3).neg(),
  tanh: (x) => x.tanh(),
};

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
      const out = op(...inputs);
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
