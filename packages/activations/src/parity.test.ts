import { readFileSync } from 'node:fs';
import { runParityCase, type ParityCase } from '@torchlet/tensor/testing';
import type { Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
// Attaches the gradient engine, so that out.backward() works.
import '@torchlet/autograd';
import { gelu, logSoftmax, relu, sigmoid, silu, softmax, tanh } from './index';

// PyTorch's reference traces (parity/); the numbers are read, never copied into the test.
const fixture = JSON.parse(
  readFileSync(new URL('../../../parity/ops.json', import.meta.url), 'utf8'),
) as { torch: string; cases: ParityCase[] };

/** The ops.json cases of this package, written as gen-parity.py wrote them. */
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

describe(`parity with PyTorch ${fixture.torch} (parity/ops.json)`, () => {
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: output and input gradient within 1e-5`, () => {
      const c = fixture.cases.find((k) => k.name === name);
      expect(c, `case ${name} in ops.json`).toBeDefined();
      const errors = runParityCase(c!, op);
      expect(errors.output).toBeLessThan(1e-5);
      for (const e of errors.grads) expect(e).toBeLessThan(1e-5);
    });
  }
});
