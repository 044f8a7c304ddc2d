import { readFileSync } from 'node:fs';
import type { Tensor } from '@torchlet/tensor';
import {
  parityTensor,
  runParityCase,
  type ParityArray,
  type ParityCase,
} from '@torchlet/tensor/testing';
import { describe, expect, it } from 'vitest';
// Attaches the gradient engine, so that out.backward() works.
import '@torchlet/autograd';
import { bceWithLogits, crossEntropy, mseLoss } from './index';

// PyTorch's reference traces (parity/); the numbers are read, never copied into the test.
const fixture = JSON.parse(
  readFileSync(new URL('../../../parity/ops.json', import.meta.url), 'utf8'),
) as { torch: string; cases: ParityCase[] };

const toInts = (a: ParityArray): Tensor => parityTensor(a, { dtype: 'int32' });

/** The ops.json cases of this package, as gen-parity.py wrote them (losses reshaped to [1]). */
const ops: Record<string, (c: ParityCase, ...xs: Tensor[]) => Tensor> = {
  cross_entropy: (c, logits) => crossEntropy(logits, toInts(c.ints[0])),
  cross_entropy_smooth: (c, logits) =>
    crossEntropy(logits, toInts(c.ints[0]), { labelSmoothing: c.attrs.labelSmoothing }),
  cross_entropy_ignore: (c, logits) =>
    crossEntropy(logits, toInts(c.ints[0]), { ignoreIndex: c.attrs.ignoreIndex }),
  mse: (_c, input, target) => mseLoss(input, target),
  bce_with_logits: (_c, logits, target) => bceWithLogits(logits, target),
};

describe(`parity with PyTorch ${fixture.torch} (parity/ops.json)`, () => {
  it('has every case this package covers', () => {
    const names = fixture.cases.map((c) => c.name);
    for (const name of Object.keys(ops)) expect(names).toContain(name);
  });

  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: output and input gradients within 1e-5`, () => {
      const c = fixture.cases.find((k) => k.name === name);
      expect(c, `case ${name} in ops.json`).toBeDefined();
      // gen-parity.py reshaped each scalar loss to [1].
      const errors = runParityCase(c!, (...xs) => op(c!, ...xs).reshape([1]));
      expect(errors.output).toBeLessThan(1e-5);
      for (const e of errors.grads) expect(e).toBeLessThan(1e-5);
    });
  }
});
