import {
  manualSeed,
  randint,
  randn,
  tensor,
  trackStorages,
  type Storage,
  type Tensor,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { autogradGrad, customFunction } from './index';

/**
 * A small MLP step composed of tensor primitives: linear, layer norm, tanh, linear, cross
 * entropy. (Fused ops are checked the same way in fused-op.test.ts and by their packages.)
 */
function forward(params: Tensor[], x: Tensor, y: Tensor): Tensor[] {
  const [w1, b1, g1, w2, b2] = params;
  const h = x.matmul(w1.T).add(b1);
  const c = h.sub(h.mean(1, true));
  const n = c.mul(c.mul(c).mean(1, true).add(1e-5).rsqrt()).mul(g1);
  const a = n.tanh();
  const logits = a.matmul(w2.T).add(b2);
  const logProbs = logits.sub(logits.logsumexp(1, true));
  return [h, n, a, logits, logProbs.gather(1, y.unsqueeze(1)).mean().neg()];
}

function setup(): { params: Tensor[]; x: Tensor; y: Tensor } {
  manualSeed(0);
  const params = [[16, 8], [16], [16], [4, 16], [4]].map((s) => randn(s, { requiresGrad: true }));
  return { params, x: randn([32, 8]), y: randint(0, 4, [32], { dtype: 'int32' }) };
}

describe('a backward pass frees every buffer it made and used up', () => {
  it('leaves only the new gradients alive, and no user-reachable tensor freed', () => {
    const { params, x, y } = setup();
    const outs = forward(params, x, y);
    const made: Storage[] = [];
    trackStorages(made, () => outs[4].backward());
    const alive = made.filter((s) => !s.disposed);
    expect(made.length).toBeGreaterThan(10);
    expect(new Set(alive)).toEqual(new Set(params.map((p) => p.grad!.storage)));
    for (const t of [...outs, ...params, x, y]) expect(t.storage.disposed).toBe(false);

    // Accumulating into existing grads: the old ones (the user may hold them) stay too.
    const old = params.map((p) => p.grad!);
    const again = forward(params, x, y)[4];
    const made2: Storage[] = [];
    trackStorages(made2, () => again.backward());
    expect(new Set(made2.filter((s) => !s.disposed))).toEqual(
      new Set(params.map((p) => p.grad!.storage)),
    );
    old.forEach((g, i) => {
      expect(g.storage.disposed).toBe(false);
      expect(params[i].grad!.sub(g.mul(2)).abs().amax().item()).toBeLessThan(1e-6);
    });
  });

  it('keeps what autogradGrad returns, and frees the rest', () => {
    const { params, x, y } = setup();
    const outs = forward(params, x, y);
    const made: Storage[] = [];
    const got = trackStorages(made, () => autogradGrad([outs[4]], [params[0], outs[0]]));
    expect(new Set(made.filter((s) => !s.disposed))).toEqual(new Set(got.map((g) => g.storage)));
    expect(got[0].shape).toEqual([16, 8]);
    expect(got[1].shape).toEqual([32, 16]);
  });

  it('never lets two leaves, or a leaf and the caller, share a gradient buffer', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    a.add(b)
      .mul(tensor([5, 6]))
      .sum()
      .backward(); // add hands the same gradient to a and b
    expect(a.grad!.storage).not.toBe(b.grad!.storage);
    expect(a.grad!.toArray()).toEqual([5, 6]);
    const x = tensor([1, 2], { requiresGrad: true });
    const g = tensor([7, 8]);
    x.backward(g);
    expect(x.grad!.storage).not.toBe(g.storage);
    expect(g.storage.disposed).toBe(false);
  });
});

describe('backward lets memory go as it walks, as PyTorch does', () => {
  it('a freed storage drops its buffer, so a GC-owned one is collectable at once', () => {
    const { params, x, y } = setup();
    const made: Storage[] = [];
    trackStorages(made, () => forward(params, x, y)[4].backward());
    const freed = made.filter((s) => s.disposed);
    expect(freed.length).toBeGreaterThan(10);
    for (const s of freed) expect(s.buffer).toBeNull();
  });

  it('a node is released as soon as its own backward has run', () => {
    const x = randn([3], { requiresGrad: true });
    let sumNode: { isAlive: boolean } | null = null;
    const aliveWhenProbed: boolean[] = [];
    const probe = customFunction({
      name: 'Probe',
      forward: (_ctx, t: Tensor) => t.mul(1),
      backward: (_ctx, g) => {
        aliveWhenProbed.push(sumNode!.isAlive);
        return [g];
      },
    });
    const loss = probe(x).mul(2).sum();
    sumNode = loss.gradFn as { isAlive: boolean };
    expect(sumNode.isAlive).toBe(true);
    loss.backward();
    // The sum's node ran first; by the time the probe's backward runs it is already released.
    expect(aliveWhenProbed).toEqual([false]);
  });
});
