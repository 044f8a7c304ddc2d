import { tensor, zeros } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { customFunction, noGrad } from './index';

const modified = (found: number, expected: number) =>
  new RegExp(
    `modified by an inplace operation: \\[Float \\[3\\]\\].* is at version ${found}; expected version ${expected} instead`,
  );

describe('version counters: backward refuses saved tensors that were overwritten in place', () => {
  it('the issue case: y = w·x summed, x.fill_(100), then backward throws', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const x = tensor([4, 5, 6]);
    const y = w.mul(x).sum();
    x.fill_(100);
    expect(() => y.backward()).toThrow(modified(1, 0));
    expect(w.grad).toBeNull();
  });

  it('every in-place write bumps the storage version, views and detach() included', () => {
    const x = zeros([3]);
    const writes: Array<() => unknown> = [
      () => x.fill_(1),
      () => x.zero_(),
      () => x.copy_(tensor([1, 2, 3])),
      () => x.uniform_(),
      () => x.normal_(),
      () => x.detach().fill_(2),
      () => x.reshape([3, 1]).fill_(3),
    ];
    writes.forEach((write, i) => {
      write();
      expect(x.storage.version).toBe(i + 1);
    });
  });

  it('an update between forward and backward (the GAN pattern) is caught', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const x = tensor([1, 1, 1], { requiresGrad: true });
    const loss = x.mul(w).sum(); // saves w for x's gradient
    noGrad(() => w.copy_(w.add(1))); // what opt.step() does
    expect(() => loss.backward()).toThrow(modified(1, 0));
  });

  it('names the op that produced a saved output and the node that needed it', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const e = x.exp(); // ExpBackward0 saves its output
    const y = e.sum();
    noGrad(() => e.detach().fill_(0));
    expect(() => y.backward()).toThrow(
      /which is output 0 of ExpBackward0, is at version 1.*saved by ExpBackward0/,
    );
  });

  it('writes to tensors no rule saved are fine, as in PyTorch', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const x = tensor([4, 5, 6]);
    const y = w.add(x).sum(); // add saves nothing
    x.fill_(100);
    y.backward();
    expect(w.grad!.toArray()).toEqual([1, 1, 1]);
    // mul saves x only for w's gradient: x's own version is not checked when only x needs it.
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6]);
    const z = b.mul(a).sum(); // a's gradient needs b; b needs none, so a is not saved
    noGrad(() => a.copy_(tensor([7, 8, 9])));
    z.backward();
    expect(a.grad!.toArray()).toEqual([4, 5, 6]);
  });

  it('tensors saved by a customFunction are checked too', () => {
    const square = customFunction({
      name: 'Square',
      forward(ctx, x) {
        ctx.saveForBackward(x);
        return x.mul(x);
      },
      backward(ctx, grad) {
        return [grad.mul(ctx.saved[0]).mul(2)];
      },
    });
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = square(x).sum();
    noGrad(() => x.fill_(5));
    expect(() => y.backward()).toThrow(modified(1, 0));
  });

  it('refuses unrecorded in-place writes to a tensor inside the graph', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    expect(() => h.fill_(0)).toThrow(
      /fill_: in-place writes to a tensor that is part of the autograd graph \(its gradFn is <MulBackward0>\)/,
    );
    // Outside recording, it is an ordinary write (and backward then sees the version change).
    const y = h.sin().sum(); // SinBackward0 saves h
    noGrad(() => h.fill_(0));
    expect(() => y.backward()).toThrow(/is at version 1; expected version 0/);
  });
});
