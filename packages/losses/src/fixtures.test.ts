import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { bceWithLogits, crossEntropy, l1Loss, mseLoss, nllLoss, type Reduction } from './index';

type Value = number | 'NaN' | 'Infinity' | '-Infinity';
interface Arr {
  shape: number[];
  data: Value[];
}
interface Case {
  name: string;
  op: 'crossEntropy' | 'nllLoss' | 'mseLoss' | 'l1Loss' | 'bceWithLogits';
  options: { reduction?: Reduction; labelSmoothing?: number; ignoreIndex?: number };
  inputs: Arr[];
  target?: Arr;
  weight?: Arr;
  posWeight?: Arr;
  output: Arr;
  upstream: Arr;
  grads: Arr[];
}

// Written by fixtures/gen-loss-fixtures.py with Debian's python3-torch.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/loss-fixtures.json', import.meta.url), 'utf8'),
) as { torch: string; cases: Case[] };

const values = (a: Arr): number[] => a.data.map(Number); // Number('NaN') is NaN, and so on
const toTensor = (a: Arr, requiresGrad = false): Tensor =>
  tensor(Float32Array.from(values(a)))
    .reshape(a.shape)
    .requiresGrad_(requiresGrad);
const toInts = (a: Arr): Tensor => tensor(Int32Array.from(values(a))).reshape(a.shape);
const optional = (a: Arr | undefined): Tensor | undefined => (a ? toTensor(a) : undefined);

function run(c: Case, xs: Tensor[]): Tensor {
  const weight = optional(c.weight);
  switch (c.op) {
    case 'crossEntropy':
      return crossEntropy(xs[0], toInts(c.target!), { ...c.options, weight });
    case 'nllLoss':
      return nllLoss(xs[0], toInts(c.target!), { ...c.options, weight });
    case 'mseLoss':
      return mseLoss(xs[0], xs[1], c.options);
    case 'l1Loss':
      return l1Loss(xs[0], xs[1], c.options);
    case 'bceWithLogits':
      return bceWithLogits(xs[0], xs[1], {
        ...c.options,
        weight,
        posWeight: optional(c.posWeight),
      });
  }
}

/** 1e-5 relative-or-absolute; NaN and ±Infinity must match exactly. */
function expectClose(actual: ArrayLike<number>, expected: Arr, what: string): void {
  const want = values(expected);
  expect(actual.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = actual[i];
    const e = want[i];
    if (!Number.isFinite(e)) expect(a, `${what}[${i}]`).toBe(e);
    else
      expect(
        Math.abs(a - e) / Math.max(1, Math.abs(e)),
        `${what}[${i}]: ${a} vs ${e}`,
      ).toBeLessThan(1e-5);
  }
}

describe(`losses against PyTorch ${fixture.torch} (fixtures/loss-fixtures.json)`, () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const xs = c.inputs.map((a) => toTensor(a, true));
      const out = run(c, xs);
      expect(out.shape).toEqual(c.output.shape);
      expectClose(out.dataSync(), c.output, 'output');
      out.backward(toTensor(c.upstream));
      xs.forEach((x, i) => {
        expect(x.grad, `grad of input ${i}`).not.toBeNull();
        expect(x.grad!.shape).toEqual(c.grads[i].shape);
        expectClose(x.grad!.dataSync(), c.grads[i], `grad of input ${i}`);
      });
    });
  }
});
