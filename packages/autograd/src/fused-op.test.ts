import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  cpuBackend,
  manualSeed,
  randn,
  tensor,
  trackStorages,
  type Storage,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  autogradGrad,
  compareWithComposition,
  enableGrad,
  fusedOp,
  gradcheck,
  gradgradcheck,
  noGrad,
  Node,
} from './index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const calls = { forward: 0, backward: 0 };
/** The statistics the last forward "kernel" made. */
let stats: { sigmoid: Tensor; scratch: Tensor } | null = null;

interface Variant {
  forwardKernel?: boolean;
  backwardKernel?: boolean;
  /** `'x'`: an explicit backward from the saved input; `'stats'`: from the kernel's statistic
   * only (first order only); `'derived'`: none, so autograd differentiates `compose`. */
  backward?: 'x' | 'stats' | 'derived';
}

/**
 * softplus(x) = log(1 + eˣ) as a fused op, with stand-ins for the backend kernels (detached ops)
 * that count their calls. The forward kernel also makes σ(x), the derivative, for the backward
 * kernel, and a scratch tensor nothing saves.
 */
function softplus(variant: Variant = {}) {
  const { forwardKernel = true, backwardKernel = true, backward = 'x' } = variant;
  return fusedOp({
    name: 'SoftplusBackward0',
    forward([x], _attrs: Record<string, never>) {
      if (!forwardKernel) return undefined;
      calls.forward++;
      const d = x.detach();
      stats = { sigmoid: d.sigmoid(), scratch: d.mul(2) };
      return { output: d.exp().add(1).log(), ...stats };
    },
    compose: ([x]) => x.exp().add(1).log(),
    save: ({ inputs: [x], kernel: { sigmoid } }) =>
      backward === 'x' ? { x, sigmoid } : { sigmoid },
    backwardKernel: backwardKernel
      ? ({ sigmoid }, grad) => {
          calls.backward++;
          return [grad.detach().mul(sigmoid)];
        }
      : undefined,
    backward:
      backward === 'derived'
        ? undefined
        : backward === 'x'
          ? ({ x }, grad) => [grad.mul(x!.sigmoid())]
          : ({ sigmoid }, grad) => [grad.mul(sigmoid)],
  });
}

/** The names of the nodes of `t`'s graph. */
function nodeNames(t: Tensor): string[] {
  const names: string[] = [];
  const stack = t.gradFn instanceof Node ? [t.gradFn] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    names.push(node.name);
    for (const e of node.edges) if (e instanceof Node) stack.push(e);
  }
  return names;
}

const f64 = (shape: number[]) => randn(shape, { dtype: 'float64', requiresGrad: true });
const close = (a: Tensor, b: Tensor) =>
  expect(a.sub(b).abs().amax().item()).toBeLessThan(a.dtype === 'float64' ? 1e-12 : 1e-6);

beforeEach(() => {
  manualSeed(5);
  calls.forward = 0;
  calls.backward = 0;
  stats = null;
});

describe('fusedOp: one kernel each way, recorded as one node', () => {
  it('runs the forward kernel once, names the node, and runs the backward kernel once', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const w = randn([3, 4]);
    const y = softplus()([x], {});
    expect(String(y.gradFn)).toBe('<SoftplusBackward0>');
    expect(calls).toEqual({ forward: 1, backward: 0 });
    y.mul(w).sum().backward();
    expect(calls).toEqual({ forward: 1, backward: 1 });
    close(x.grad!, w.mul(x.detach().sigmoid()));
  });

  it('without the forward kernel runs the composition, recorded as tensor ops', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const y = softplus({ forwardKernel: false })([x], {});
    expect(String(y.gradFn)).toBe('<LogBackward0>');
    y.sum().backward();
    expect(calls).toEqual({ forward: 0, backward: 0 });
    close(x.grad!, x.detach().sigmoid());
  });

  for (const backward of ['x', 'derived'] as const) {
    it(`without the backward kernel runs the ${backward === 'x' ? 'explicit' : 'derived'} backward`, () => {
      const x = randn([3, 4], { requiresGrad: true });
      const w = randn([3, 4]);
      softplus({ backwardKernel: false, backward })([x], {}).mul(w).sum().backward();
      expect(calls).toEqual({ forward: 1, backward: 0 });
      close(x.grad!, w.mul(x.detach().sigmoid()));
    });
  }

  it('records nothing in noGrad or for inputs that need no gradient', () => {
    expect(noGrad(() => softplus()([randn([2], { requiresGrad: true })], {})).gradFn).toBeNull();
    expect(softplus()([randn([2])], {}).requiresGrad).toBe(false);
  });

  it('works with autogradGrad and retainGraph, and leaves .grad alone', () => {
    const x = randn([5], { requiresGrad: true });
    const y = softplus()([x], {}).sum();
    const [a] = autogradGrad([y], [x], { retainGraph: true });
    const [b] = autogradGrad([y], [x]);
    close(a, x.detach().sigmoid());
    close(b, a);
    expect(x.grad).toBeNull();
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
  });

  it('says which op returned the wrong number of gradients', () => {
    const bad = fusedOp({
      name: 'BadBackward0',
      forward: ([x], _: Record<string, never>) => ({ output: x.detach().mul(2) }),
      compose: ([x]) => x.mul(2),
      save: () => ({}),
      backward: (_, grad) => [grad, grad],
    });
    const y = bad([randn([2], { requiresGrad: true })], {});
    expect(() => y.sum().backward()).toThrow(
      'BadBackward0: the backward returned 2 gradients for 1 inputs',
    );
  });
});

describe('fusedOp: gradients of gradients', () => {
  it('first order passes gradcheck on every path', () => {
    for (const variant of [{}, { forwardKernel: false }, { backwardKernel: false }]) {
      expect(gradcheck((x) => softplus(variant)([x], {}), [f64([2, 3])])).toBe(true);
    }
  });

  for (const backward of ['x', 'derived'] as const) {
    it(`second order, ${backward === 'x' ? 'explicit' : 'derived'} backward, never calls the backward kernel`, () => {
      const op = softplus({ backward });
      expect(gradgradcheck((x) => op([x], {}), [f64([2, 3])])).toBe(true);
      expect(calls.backward).toBe(0);
    });
  }

  it('the derived backward works to the third order, and names its nodes as PyTorch', () => {
    const op = softplus({ backward: 'derived' });
    const firstOrder = (x: Tensor) =>
      enableGrad(() => {
        const leaf = x.requiresGrad ? x : x.detach().requiresGrad_();
        return autogradGrad([op([leaf], {}).sum()], [leaf], { createGraph: true })[0];
      });
    // The gradient is a view of one node's flat output: PyTorch's name for a backward's backward.
    expect(nodeNames(firstOrder(f64([4])))).toContain('SoftplusBackwardBackward0');
    expect(gradgradcheck(firstOrder, [f64([3])])).toBe(true);
    // softplus''' = σ(1 − σ)(1 − 2σ), at 0: 0; softplus'' at 0: 1/4.
    const zero = tensor([0], { dtype: 'float64', requiresGrad: true });
    const second = enableGrad(
      () => autogradGrad([firstOrder(zero).sum()], [zero], { createGraph: true })[0],
    );
    expect(second.item()).toBeCloseTo(0.25, 12);
    expect(autogradGrad([second.sum()], [zero])[0].item()).toBeCloseTo(0, 12);
  });
});

describe('fusedOp: what the node keeps and frees', () => {
  it('frees the kernel statistics at once when nothing is recorded', () => {
    noGrad(() => softplus()([randn([3], { requiresGrad: true })], {}));
    expect(stats!.sigmoid.storage.disposed).toBe(true);
    expect(stats!.scratch.storage.disposed).toBe(true);
  });

  it('frees the statistics save did not keep at once, the rest when the graph is released', () => {
    const x = randn([3], { requiresGrad: true });
    const y = softplus()([x], {}).sum();
    expect(stats!.scratch.storage.disposed).toBe(true);
    expect(stats!.sigmoid.storage.disposed).toBe(false);
    y.backward(undefined, { retainGraph: true });
    expect(stats!.sigmoid.storage.disposed).toBe(false);
    y.backward();
    expect(stats!.sigmoid.storage.disposed).toBe(true);
    close(x.grad!, x.detach().sigmoid().mul(2));
  });

  it('leaves the statistics to the collector after a createGraph backward', () => {
    const x = randn([3], { requiresGrad: true });
    const y = softplus()([x], {}).sum();
    y.backward(undefined, { createGraph: true });
    expect(stats!.sigmoid.storage.disposed).toBe(false);
  });

  it('refuses to backward through a saved input that was overwritten in place', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = softplus()([x], {}).sum();
    noGrad(() => x.fill_(0));
    expect(() => y.backward()).toThrow(
      /modified by an inplace operation: \[Float \[3\]\] is at version 1; expected version 0 instead \(saved by SoftplusBackward0/,
    );
  });

  it('a backward pass through it frees every buffer it made but the gradients', () => {
    const x = randn([8, 4], { requiresGrad: true });
    const w = randn([4, 4], { requiresGrad: true });
    for (const variant of [{}, { backwardKernel: false }, { backward: 'derived' as const }]) {
      x.grad = null;
      w.grad = null;
      const h = x.matmul(w);
      const loss = softplus(variant)([h], {}).mul(h).sum();
      const made: Storage[] = [];
      trackStorages(made, () => loss.backward());
      const alive = made.filter((s) => !s.disposed);
      expect(new Set(alive)).toEqual(new Set([x.grad!.storage, w.grad!.storage]));
      for (const t of [x, w, h, loss]) expect(t.storage.disposed).toBe(false);
    }
  });

  it('keeps only what save declares: an input it does not save is collected', async () => {
    const collected = async (ref: WeakRef<Tensor>) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
      return ref.deref() === undefined;
    };
    const x = randn([64], { requiresGrad: true });
    for (const [backward, kept] of [
      ['stats', false],
      ['x', true],
      ['derived', true],
    ] as const) {
      let h: Tensor | null = x.mul(3);
      const ref = new WeakRef(h);
      const y = softplus({ backward })([h], {}).sum();
      h = null;
      expect(await collected(ref)).toBe(!kept);
      y.backward();
      expect(await collected(ref)).toBe(true);
    }
  });
});

describe('compareWithComposition', () => {
  // Right only where the backend has no gelu kernel (so the reference), wrong by 1e-3 otherwise.
  const skewed = fusedOp({
    name: 'SkewedBackward0',
    forward([x], _: Record<string, never>) {
      if (x.backend.fused?.gelu === undefined) return undefined;
      return { output: x.detach().mul(2).add(1e-3) };
    },
    compose: ([x]) => x.mul(2),
    save: ({ inputs: [x] }) => ({ x }),
    backwardKernel: ({ x }, grad) =>
      x.backend.fused?.geluBackward === undefined ? undefined : [grad.detach().mul(3)],
    backward: (_, grad) => [grad.mul(2)],
  });

  it('finds where the kernels and the compositions disagree, forward and backward', () => {
    const x = randn([4], { dtype: 'float64', requiresGrad: true });
    const none = compareWithComposition((a) => skewed([a], {}), [x]);
    expect(none.output).toBeCloseTo(1e-3, 12);
    // Upstream gradients are sin(0.37 i + 0.1) + 0.5: the largest of four is at i = 3.
    expect(none.grads[0]).toBeCloseTo(Math.sin(0.37 * 3 + 0.1) + 0.5, 12);
    const forward = compareWithComposition((a) => skewed([a], {}), [x], { kernels: 'forward' });
    expect(forward.output).toBe(0);
    expect(forward.grads[0]).toBeCloseTo(Math.sin(0.37 * 3 + 0.1) + 0.5, 12);
    expect(x.backend).toBe(cpuBackend);
  });
});
