import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gelu } from '@torchlet/activations';
import { noGrad } from '@torchlet/autograd';
import { LayerNorm, Linear, Module } from '@torchlet/layers';
import { crossEntropy } from '@torchlet/losses';
import { AdamW, clipGradNorm } from '@torchlet/optim';
import { cpuBackend, setDefaultBackend, tensor, type Backend, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';

interface Arr {
  shape: number[];
  data: number[];
}
interface Trace {
  config: { lr: number; betas: [number, number]; eps: number; weightDecay: number; clip: number };
  trainX: Arr;
  trainY: Arr;
  init: Record<string, Arr>;
  batches: number[][];
  lrs: number[];
}

// PyTorch's recorded run of the article's network (shared/parity/train.json): its initial
// weights, batches and learning rates, replayed here on both backends.
const trace = JSON.parse(
  readFileSync(new URL('../../../../shared/parity/train.json', import.meta.url), 'utf8'),
) as Trace;

/** The article's network, fields in PyTorch's registration order (as in train-parity.test.ts). */
class Net extends Module {
  fc1 = new Linear(16, 64);
  fc2 = new Linear(64, 64);
  fc3 = new Linear(64, 4);
  ln1 = new LayerNorm(64);
  ln2 = new LayerNorm(64);
  forward(x: Tensor): Tensor {
    x = gelu(this.ln1.forward(this.fc1.forward(x)));
    x = gelu(this.ln2.forward(this.fc2.forward(x)));
    return this.fc3.forward(x);
  }
}

/**
 * Trains on `backend` (made the default, so the model code is unchanged) and returns the loss
 * of every step, read with `await loss.data()` as on any backend. `onStep` sees the step number
 * after each update.
 */
async function train(
  backend: Backend,
  steps: number,
  onStep?: (step: number) => Promise<void> | void,
): Promise<number[]> {
  const previous = setDefaultBackend(backend);
  try {
    const floats = (a: Arr) => tensor(Float32Array.from(a.data)).reshape(a.shape);
    const { config } = trace;
    const model = new Net();
    noGrad(() => {
      for (const [name, p] of model.namedParameters()) p.copy_(floats(trace.init[name]));
    });
    const opt = new AdamW(model.namedParameters(), {
      lr: config.lr,
      betas: config.betas,
      eps: config.eps,
      weightDecay: config.weightDecay,
    });
    const trainX = floats(trace.trainX);
    const trainY = tensor(Int32Array.from(trace.trainY.data));
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      opt.paramGroups[0].lr = trace.lrs[step];
      const idx = tensor(Int32Array.from(trace.batches[step]));
      const loss = crossEntropy(
        model.forward(trainX.indexSelect(0, idx)),
        trainY.indexSelect(0, idx),
      );
      opt.zeroGrad();
      loss.backward();
      clipGradNorm(model.parameters(), config.clip);
      opt.step();
      losses.push((await loss.data())[0]);
      await onStep?.(step);
    }
    return losses;
  } finally {
    setDefaultBackend(previous);
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("the article's network trains on the gpu.js backend", () => {
  const steps = 60;
  // Computed once, before any gpu.js run: train() swaps the default backend while it runs.
  let reference: Promise<number[]> | undefined;

  for (const mode of ['cpu', 'webasm'] as const) {
    it(`'${mode}' mode: ${steps} steps match the CPU backend's losses to 1e-3 and the loss falls`, async () => {
      const backend = await gpujs({ mode });
      const want = await (reference ??= train(cpuBackend as Backend, steps));
      const losses = await train(backend as Backend, steps);
      const worst = Math.max(...losses.map((l, i) => relative(l, want[i])));
      console.log(
        `gpujs ${mode}: loss ${losses[0].toFixed(5)} → ${losses[steps - 1].toFixed(5)} ` +
          `(cpu backend ${want[0].toFixed(5)} → ${want[steps - 1].toFixed(5)}), ` +
          `max relative difference ${worst.toExponential(2)}, ${backend.compiledKernels} kernels compiled`,
      );
      expect(worst).toBeLessThan(1e-3);
      expect(losses[steps - 1]).toBeLessThan(losses[0]);
      backend.destroy();
    });
  }
});

/** Node's `gc()`, reachable without the --expose-gc command-line flag. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('device memory during a long training run', () => {
  it('220 steps in webasm mode: live buffers stay flat after warm-up, with no dispose() in the loop', async () => {
    const gc = collectGarbage();
    const backend = await gpujs({ mode: 'webasm' });
    // Finalizers run after a collection, on a later turn of the event loop.
    // The cleanup task is not guaranteed to run on the very next turn, so collect until the count
    // stops falling (a few rounds at most).
    const collect = async (): Promise<number> => {
      let previous = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 10 && backend.liveBuffers < previous; round++) {
        previous = backend.liveBuffers;
        gc();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return backend.liveBuffers;
    };
    const counts: number[] = [];
    let compiledAfterWarmup = 0;
    const steps = 220;
    const peak = { value: 0 };
    await train(backend as Backend, steps, async (step) => {
      peak.value = Math.max(peak.value, backend.liveBuffers);
      if (step === 19) compiledAfterWarmup = backend.compiledKernels;
      if (step % 20 === 19) counts.push(await collect());
    });
    const after = await collect();
    console.log(
      `live buffers after gc() every 20 steps: ${counts.join(', ')}; peak between collections ` +
        `${peak.value}; after the run: ${after}`,
    );
    // The model, optimizer state and data stay; everything a step made is released. A finalizer
    // may still be pending at one sample, so allow a few buffers of slack, but no growth.
    const settled = counts.slice(1);
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThanOrEqual(4);
    expect(settled[settled.length - 1]).toBeLessThanOrEqual(settled[0] + 4);
    expect(after).toBeLessThan(counts[0]);
    // No kernel is compiled after the first steps: shapes repeat, so the cache hits.
    expect(backend.compiledKernels).toBe(compiledAfterWarmup);
    backend.destroy();
  });
});
