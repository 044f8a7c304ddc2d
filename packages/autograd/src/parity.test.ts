import { readFileSync } from 'node:fs';
import type { Tensor } from '@torchlet/tensor';
import { runParityCase, type ParityCase } from '@torchlet/tensor/testing';
import { describe, expect, it } from 'vitest';
import './index';

// PyTorch's reference traces (parity/); the numbers are read, never copied into the test.
const fixture = JSON.parse(
  readFileSync(new URL('../../../parity/ops.json', import.meta.url), 'utf8'),
) as { torch: string; cases: ParityCase[] };

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

describe(`parity with PyTorch ${fixture.torch} (parity/ops.json)`, () => {
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: output and input gradients within 1e-5`, () => {
      const c = fixture.cases.find((k) => k.name === name);
      expect(c, `case ${name} in ops.json`).toBeDefined();
      const errors = runParityCase(c!, op);
      expect(errors.output).toBeLessThan(1e-5);
      expect(errors.grads).toHaveLength(c!.inputs.length);
      for (const e of errors.grads) expect(e).toBeLessThan(1e-5);
    });
  }
});
