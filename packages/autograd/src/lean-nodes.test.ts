import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { randn, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import './index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether `ref`'s tensor was collected. A WeakRef keeps its target until the job ends: yield. */
async function collected(ref: WeakRef<Tensor>): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref.deref() === undefined;
}

describe('graph nodes keep only what their rules save', () => {
  it('intermediates that no rule saved are collected before backward', async () => {
    const x = randn([64], { requiresGrad: true });
    const refs: WeakRef<Tensor>[] = [];
    // add, reshape, expand, sum and cat need only shapes: the tensors between them are garbage.
    let h: Tensor | null = x.add(1);
    refs.push(new WeakRef(h));
    let r: Tensor | null = h.reshape([8, 8]);
    refs.push(new WeakRef(r));
    const y = r.expand([2, 8, 8]).sum();
    h = null;
    r = null;
    for (const ref of refs) expect(await collected(ref)).toBe(true);
    y.backward();
    expect(x.grad!.toArray()).toEqual(new Array(64).fill(2));
  });

  it('a saved tensor stays until the graph is released', async () => {
    const x = randn([64], { requiresGrad: true });
    let h: Tensor | null = x.mul(3);
    const ref = new WeakRef(h);
    const y = h.sin().sum(); // SinBackward0 saves h
    h = null;
    expect(await collected(ref)).toBe(false);
    y.backward();
    expect(await collected(ref)).toBe(true);
  });
});
