// Type tests: `tsc -b` checks this file, so each `@ts-expect-error` below fails the build if its
// line ever compiles (a wrong input accepted), and each typed assignment fails it if a type is
// lost. The runtime assertions check that the typed paths compute what they say.
import { manualSeed, randn, tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Embedding,
  Linear,
  Module,
  ModuleList,
  MultiheadAttention,
  ReLU,
  Sequential,
  type SequentialInput,
  type SequentialOutput,
} from './index';

// The port-line-by-line style: no type arguments, the subclass's forward is the signature.
class Net extends Module {
  fc = new Linear(4, 2);
  forward(x: Tensor): Tensor {
    return this.fc.forward(x).relu();
  }
}

/** A module with a non-Tensor output, as a value head or a tuple-returning layer has. */
class Heads extends Module {
  forward(x: Tensor): { logits: Tensor; value: Tensor } {
    return { logits: x, value: x.sum(-1) };
  }
}

/** A module whose input is not a Tensor. */
class Scale extends Module {
  forward(k: number): Tensor {
    return tensor([k, 2 * k]);
  }
}

/** Code that takes any module of one signature, as a training helper would. */
function apply(m: Module<[Tensor], Tensor>, x: Tensor): Tensor {
  return m.forward(x);
}

describe('Module signatures flow to callers and to Sequential', () => {
  it('a subclass keeps its forward signature, with no type arguments', () => {
    manualSeed(0);
    const net = new Net();
    const y = net.forward(randn([3, 4]));
    expectTypeOf(y).toEqualTypeOf<Tensor>();
    expect(y.shape).toEqual([3, 2]);
    // @ts-expect-error a number is not the Tensor Net.forward takes
    expect(() => net.forward(3)).toThrow();
    expect(apply(net, randn([1, 4])).shape).toEqual([1, 2]);
    // @ts-expect-error Scale.forward takes a number, not the Tensor apply() passes
    expect(() => apply(new Scale(), randn([1, 4]))).toThrow('tensor: expected a number');
  });

  it("Sequential's forward takes the first module's input and returns the last one's output", () => {
    manualSeed(0);
    const mlp = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
    const y = mlp.forward(randn([5, 4]));
    expectTypeOf(y).toEqualTypeOf<Tensor>();
    expect(y.shape).toEqual([5, 3]);
    // @ts-expect-error a string is not the Tensor Linear.forward takes
    expect(() => mlp.forward('x')).toThrow();

    const withHeads = new Sequential(new Linear(4, 6), new Heads());
    const out = withHeads.forward(randn([2, 4]));
    expectTypeOf(out).toEqualTypeOf<{ logits: Tensor; value: Tensor }>();
    expect(out.logits.shape).toEqual([2, 6]);
    expect(out.value.shape).toEqual([2]);
    // @ts-expect-error the output is the heads record, not a Tensor
    expect(out.shape).toBeUndefined();

    const scaled = new Sequential(new Scale(), new ReLU());
    expect(scaled.forward(-3).toArray()).toEqual([0, 0]);
    // @ts-expect-error Scale, the first module, takes a number
    expect(() => scaled.forward(tensor([1]))).toThrow('tensor: expected a number');
  });

  it('the first module fixes the input type (Embedding: indices; a tuple output passes through)', () => {
    manualSeed(0);
    const embed = new Sequential(new Embedding(10, 4), new Linear(4, 2));
    expectTypeOf(embed.forward).parameter(0).toEqualTypeOf<Tensor>();
    expect(embed.forward(tensor([1, 2, 3], { dtype: 'int32' })).shape).toEqual([3, 2]);
    type Attn = SequentialOutput<[Linear, MultiheadAttention]>;
    expectTypeOf<Attn>().toEqualTypeOf<ReturnType<MultiheadAttention['forward']>>();
  });

  it('where the modules are not known, Sequential is Tensor → Tensor as before', () => {
    const list: Module[] = [new Linear(4, 4), new ReLU()];
    const seq = new Sequential(...list);
    expectTypeOf(seq.forward).toEqualTypeOf<(x: Tensor) => Tensor>();
    expectTypeOf<SequentialInput<[]>>().toEqualTypeOf<Tensor>();
    expectTypeOf<SequentialOutput<[Linear, Module]>>().toEqualTypeOf<Tensor>();
    const empty = new Sequential();
    const x = randn([2, 4]);
    expect(empty.forward(x)).toBe(x); // identity, as torch.nn.Sequential() is
    expect(seq.forward(x).shape).toEqual([2, 4]);
  });

  it('at() and ModuleList keep the modules types', () => {
    const seq = new Sequential(new Linear(4, 8), new ReLU());
    expectTypeOf(seq.at(0)).toEqualTypeOf<Linear | ReLU>();
    expect(seq.at(-1)).toBeInstanceOf(ReLU);
    const blocks = new ModuleList([new Linear(3, 3), new Linear(3, 3)]);
    let x = randn([1, 3]);
    for (const block of blocks) x = block.forward(x); // block is a Linear
    expectTypeOf(blocks.at(0)).toEqualTypeOf<Linear>();
    expect(x.shape).toEqual([1, 3]);
    // @ts-expect-error ModuleList has no forward of its own (it throws, as in PyTorch)
    expect(() => blocks.forward(x)).toThrow('ModuleList has no forward()');
  });

  it('a typed Module<In, Out> reference checks the subclass it is given', () => {
    const typed: Module<[Tensor], Tensor> = new Net();
    expect(typed.forward(randn([1, 4])).shape).toEqual([1, 2]);
    // @ts-expect-error Heads returns a record, not the Tensor this reference promises
    const wrong: Module<[Tensor], Tensor> = new Heads();
    expect(wrong).toBeInstanceOf(Module);
  });
});
