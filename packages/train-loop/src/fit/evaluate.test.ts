import { isGradEnabled } from '@torchlet/autograd';
import { manualSeed, randint, randn, tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from '../data/data-loader';
import { TensorDataset } from '../data/tensor-dataset';
import { crossEntropy } from '../../test-support/cross-entropy';
import { TinyNet } from '../../test-support/tiny-net';
import { accuracy } from './accuracy';
import { countCorrect } from './count-correct';
import { evaluate } from './evaluate';

describe('evaluate', () => {
  manualSeed(0);
  const model = new TinyNet();
  const x = randn([50, 4]);
  const y = randint(0, 3, [50]);

  it('averages over uneven batches exactly as one big batch would', async () => {
    const whole = await evaluate(model, [[x, y]], {
      loss: crossEntropy,
      metrics: ['loss', 'accuracy'],
    });
    const batched = await evaluate(
      model,
      new DataLoader(new TensorDataset(x, y), { batchSize: 16 }),
      {
        loss: crossEntropy,
        metrics: ['loss', 'accuracy'],
      },
    );
    expect(batched.accuracy).toBe(whole.accuracy);
    expect(batched.loss).toBeCloseTo(whole.loss, 6);
    const logits = model.eval().forward(x);
    // PyTorch 1.13's CPU mean is sum / n, correctly rounded to float32.
    expect(whole.accuracy).toBe(logits.argmax(1).eq(y).float().sum().div(50).item());
    expect(whole.loss).toBe(crossEntropy(logits, y).item());
  });

  it('runs in eval mode without recording, then restores the training mode', async () => {
    model.train();
    const seen: boolean[] = [];
    const probe = (output: Tensor) => {
      seen.push(model.training, isGradEnabled(), output.requiresGrad);
      return 0;
    };
    await evaluate(model, [[x, y]], { metrics: [probe] });
    expect(seen).toEqual([false, false, false]);
    expect(model.training).toBe(true);
    model.eval();
    await evaluate(model, [[x, y]], { metrics: ['accuracy'] });
    expect(model.training).toBe(false);
  });

  it('names custom metrics after their function or their name field', async () => {
    const top1 = (output: Tensor, target: Tensor) => accuracy(output, target);
    const result = await evaluate(model, [[x, y]], {
      loss: crossEntropy,
      metrics: [top1, { name: 'half', fn: () => 0.5 }],
    });
    expect(Object.keys(result)).toEqual(['top1', 'half']);
    expect(result.half).toBe(0.5);
  });

  it('says what is missing', async () => {
    await expect(evaluate(model, [[x, y]], { metrics: ['loss'] })).rejects.toThrow(
      /needs options\.loss/,
    );
    await expect(evaluate(model, [], { loss: crossEntropy })).rejects.toThrow(/yielded no batches/);
    await expect(evaluate(model, [[x]] as never, { loss: crossEntropy })).rejects.toThrow(
      /each batch must be an array \[input\.\.\., target\]/,
    );
  });
});

describe('countCorrect', () => {
  it('handles class logits, one-hot scores and binary logits', () => {
    const logits = tensor([
      [2, 1, 0],
      [0, 3, 1],
      [1, 0, 5],
    ]);
    expect(countCorrect(logits, tensor(Int32Array.from([0, 1, 1])))).toEqual({
      correct: 2,
      total: 3,
    });
    const oneHot = tensor([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect(countCorrect(logits, oneHot)).toEqual({ correct: 2, total: 3 });
    expect(countCorrect(tensor([2, -1, 0.5]), tensor([1, 0, 0]))).toEqual({ correct: 2, total: 3 });
    expect(countCorrect(tensor([[2], [-1]]), tensor([1, 1]))).toEqual({ correct: 1, total: 2 });
    expect(() => countCorrect(tensor([[1, 2]]), tensor([[[1]]]))).toThrow(
      /cannot compare output \[1,2\]/,
    );
  });
});
