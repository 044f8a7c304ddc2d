import { logSoftmax } from '@torchlet/activations';
import { randn, tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { crossEntropy } from './cross-entropy';

const ints = (xs: number[]) => tensor(xs, { dtype: 'int32' });
const finite = (xs: ArrayLike<number>) => Array.from(xs).every(Number.isFinite);

describe('crossEntropy', () => {
  it('is -mean(log softmax at the target)', () => {
    const logits = tensor([
      [2, 0.5, -1],
      [0.1, 0.2, 3],
    ]);
    const lp = logSoftmax(logits, 1).toArray() as number[][];
    const expected = -(lp[0][0] + lp[1][2]) / 2;
    expect(crossEntropy(logits, ints([0, 2])).item()).toBeCloseTo(expected, 6);
    expect(crossEntropy(logits, ints([0, 2]), { reduction: 'sum' }).item()).toBeCloseTo(
      2 * expected,
      5,
    );
    expect(crossEntropy(logits, ints([0, 2]), { reduction: 'none' }).shape).toEqual([2]);
  });

  it('ignoreIndex may be a valid class, which is then skipped', () => {
    const logits = tensor([
      [2, 0.5, -1],
      [0.1, 0.2, 3],
    ]);
    const lp = logSoftmax(logits, 1).toArray() as number[][];
    expect(crossEntropy(logits, ints([0, 2]), { ignoreIndex: 2 }).item()).toBeCloseTo(-lp[0][0], 6);
    // an ignore index outside [0, C) is accepted wherever it appears
    expect(crossEntropy(logits, ints([255, 2]), { ignoreIndex: 255 }).item()).toBeCloseTo(
      -lp[1][2],
      6,
    );
  });

  it('is finite, with finite gradients, for logits of ±1e4', () => {
    for (const options of [{}, { labelSmoothing: 0.1 }, { weight: tensor([1, 2, 0.5]) }]) {
      const logits = tensor(
        [
          [1e4, -1e4, 0],
          [-1e4, 1e4, 1e4],
          [0, 0, -1e4],
        ],
        { requiresGrad: true },
      );
      const loss = crossEntropy(logits, ints([1, 2, 0]), options);
      expect(Number.isFinite(loss.item())).toBe(true);
      loss.backward();
      expect(finite(logits.grad!.dataSync())).toBe(true);
    }
  });

  describe('errors, thrown at the call', () => {
    const logits = randn([7, 4]);

    it('a class target out of [0, C) that is not the ignore index', () => {
      expect(() => crossEntropy(randn([3, 4]), ints([1, 7, 2]))).toThrow(
        'crossEntropy: target 7 is out of bounds for 4 classes (expected values in [0, 3] or ignoreIndex -100)',
      );
      expect(() => crossEntropy(randn([3, 4]), ints([1, -1, 2]))).toThrow(
        /crossEntropy: target -1 is out of bounds for 4 classes/,
      );
      expect(() => crossEntropy(randn([3, 4]), ints([1, -100, 2]), { ignoreIndex: 0 })).toThrow(
        'crossEntropy: target -100 is out of bounds for 4 classes (expected values in [0, 3] or ignoreIndex 0)',
      );
    });

    it('float (or bool) targets', () => {
      expect(() => crossEntropy(logits, tensor([0, 1, 2, 3, 0, 1, 2]))).toThrow(
        /^crossEntropy: expected class indices of dtype int32 as target, got float32; convert with \.int\(\)/,
      );
      expect(() => crossEntropy(logits, tensor([true, false]))).toThrow(/got bool/);
    });

    it('batch sizes that differ', () => {
      expect(() => crossEntropy(logits, ints([0, 1, 2, 3, 0, 1, 2, 3]))).toThrow(
        'crossEntropy: expected target batch size 8 to match logits batch size 7 (logits [7,4], target [8])',
      );
    });

    it('other shape mismatches', () => {
      expect(() =>
        crossEntropy(randn([2, 4, 5]), ints([0, 1, 2, 3, 0, 1]).reshape([2, 3])),
      ).toThrow(
        'crossEntropy: expected target of shape [2,5] (logits without its class dim 1), got (logits [2,4,5], target [2,3])',
      );
      expect(() => crossEntropy(randn([4]), ints([1]))).toThrow(
        /crossEntropy: expected target of shape \[\] .*got \(logits \[4\], target \[1\]\)/,
      );
      expect(() => crossEntropy(logits, ints([1]).reshape([]))).toThrow(
        /expected target of shape \[7\]/,
      );
      expect(() => crossEntropy(tensor(1), ints([1]).reshape([]))).toThrow(
        /crossEntropy: expected logits of shape \[C\], \[N, C\] or \[N, C, d1, \.\.\.\], got a 0-d tensor/,
      );
    });

    it('a weight without one value per class', () => {
      expect(() =>
        crossEntropy(logits, ints([0, 1, 2, 3, 0, 1, 2]), { weight: tensor([1, 2, 3]) }),
      ).toThrow(
        'crossEntropy: expected weight of shape [4] (one value per class of logits [7,4]), got [3]',
      );
      expect(() =>
        crossEntropy(logits, ints([0, 1, 2, 3, 0, 1, 2]), { weight: tensor([[1, 2, 3, 4]]) }),
      ).toThrow(
        /crossEntropy: expected weight to be a 1-D tensor with one value per class, got shape \[1,4\]/,
      );
      expect(() => crossEntropy(logits, ints([0]), { weight: [1, 2, 3, 4] as never })).toThrow(
        /crossEntropy: expected weight to be a Tensor/,
      );
    });

    it('bad options', () => {
      const t = ints([0, 1, 2, 3, 0, 1, 2]);
      expect(() => crossEntropy(logits, t, { reduction: 'avg' as never })).toThrow(
        `crossEntropy: reduction must be 'mean', 'sum' or 'none', got "avg"`,
      );
      expect(() => crossEntropy(logits, t, { labelSmoothing: 1.5 })).toThrow(
        'crossEntropy: labelSmoothing must be between 0.0 and 1.0, got 1.5',
      );
      expect(() => crossEntropy(logits, t, { labelSmoothing: -0.1 })).toThrow(/labelSmoothing/);
      expect(() => crossEntropy(logits, t, { ignoreIndex: 0.5 })).toThrow(
        'crossEntropy: ignoreIndex must be an integer, got 0.5',
      );
      expect(() => crossEntropy(logits, t, { label_smoothing: 0.1 } as never)).toThrow(
        "crossEntropy: unknown option 'label_smoothing'; did you mean 'labelSmoothing'?",
      );
    });

    it('non-tensor or integer logits', () => {
      expect(() => crossEntropy([[1, 2]] as never, ints([0]))).toThrow(
        'crossEntropy: expected logits to be a Tensor, got an array; wrap it with tensor(...)',
      );
      expect(() => crossEntropy(ints([1, 2]), ints([0]).reshape([]))).toThrow(
        /crossEntropy: expected logits of a floating point dtype, got int32/,
      );
      expect(() => crossEntropy(logits, [0, 1] as never)).toThrow(/expected target to be a Tensor/);
    });

    it('a failed call changes no state', () => {
      const x = randn([3, 4], { requiresGrad: true });
      const target = ints([1, 2, 3]);
      crossEntropy(x, target).backward();
      const grad = Array.from(x.grad!.dataSync());
      const bad = ints([1, 9, 3]);
      expect(() => crossEntropy(x, bad)).toThrow(/target 9 is out of bounds/);
      expect(() => crossEntropy(x, target, { weight: tensor([1]) })).toThrow(/weight/);
      expect(Array.from(x.grad!.dataSync())).toEqual(grad);
      expect(x.gradFn).toBeNull();
      expect(Array.from(bad.dataSync())).toEqual([1, 9, 3]);
      // and the next valid call works as before
      crossEntropy(x, target).backward();
      expect(Array.from(x.grad!.dataSync())).toEqual(grad.map((g) => Math.fround(g + g)));
    });
  });
});
