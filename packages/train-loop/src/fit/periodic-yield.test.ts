import { AdamW } from '@torchlet/optim';
import { manualSeed, randint, randn, trackStorages, type Storage } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { crossEntropy } from '../../test-support/cross-entropy';
import { TinyNet } from '../../test-support/tiny-net';
import { countCorrect } from './count-correct';
import { evaluate } from './evaluate';
import { fit } from './fit';
import { periodicYield } from './periodic-yield';

/** Blocks the thread for `ms`, as a long synchronous training step does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('yielding to the event loop', () => {
  it('periodicYield runs pending macrotasks once the interval has passed, and only then', async () => {
    const pause = periodicYield(20);
    let ran = false;
    setImmediate(() => (ran = true));
    await pause();
    expect(ran).toBe(false); // a microtask: the interval has not passed
    busy(25);
    await pause();
    expect(ran).toBe(true);
  });

  it('fit and evaluate let macrotasks (and so finalizers) run during a loop of synchronous batches', async () => {
    manualSeed(0);
    const model = new TinyNet();
    const batches = [0, 1, 2].map(() => [randn([8, 4]), randint(0, 3, [8])]);
    const seen: boolean[] = [];
    let ran = false;
    // Each step schedules a macrotask and blocks for 25 ms; the next step sees whether it ran.
    const history = await fit({
      model,
      optimizer: new AdamW(model.parameters(), { lr: 0.01 }),
      loss: crossEntropy,
      train: batches,
      steps: 4,
      progress: false,
      callbacks: [
        {
          onStepEnd() {
            seen.push(ran);
            ran = false;
            setImmediate(() => (ran = true));
            busy(25);
          },
        },
      ],
    });
    expect(history.train).toHaveLength(4);
    expect(seen).toEqual([false, true, true, true]);

    let evalRan = false;
    const slow = {
      training: false,
      train() {},
      eval() {},
      forward: (x: ReturnType<typeof randn>) => {
        busy(25);
        return model.forward(x);
      },
    };
    setImmediate(() => (evalRan = true));
    await evaluate(slow as never, [batches[0], batches[1]], { loss: crossEntropy });
    expect(evalRan).toBe(true);
  });

  it('countCorrect frees every tensor it makes at once', () => {
    const output = randn([6, 3]);
    const made: Storage[] = [];
    const { correct, total } = trackStorages(made, () => countCorrect(output, output.argmax(1)));
    expect(correct).toBe(6);
    expect(total).toBe(6);
    // The argmax passed in is the caller's; everything countCorrect made is freed.
    expect(made.slice(1).length).toBeGreaterThan(0);
    expect(made.slice(1).every((s) => s.disposed)).toBe(true);
    expect(made[0].disposed).toBe(false);
  });
});
