import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cpuBackend, type Backend } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';
import { trainArticleNetwork as train } from '../test-support/train-article-network';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("the article's network trains on the gpu.js backend", () => {
  const steps = 100;
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
  it('1,000 steps in webasm mode: live buffers stay flat after warm-up, with no dispose() in the loop', async () => {
    const gc = collectGarbage();
    const backend = await gpujs({ mode: 'webasm' });
    // Finalizers run after a collection, on a later turn of the event loop.
    // The cleanup task is not guaranteed to run on the very next turn, so collect until the count
    // stops falling (a few rounds at most).
    const collect = async (): Promise<number> => {
      let previous = backend.liveBuffers;
      let unchanged = 0;
      // Stop once two rounds in a row freed nothing.
      for (let round = 0; round < 20 && unchanged < 2; round++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 5));
        unchanged = backend.liveBuffers < previous ? 0 : unchanged + 1;
        previous = backend.liveBuffers;
      }
      return backend.liveBuffers;
    };
    const counts: number[] = [];
    let compiledAfterWarmup = 0;
    const steps = 1000;
    const peak = { value: 0 };
    await train(backend as Backend, steps, async (step) => {
      peak.value = Math.max(peak.value, backend.liveBuffers);
      if (step === 19) compiledAfterWarmup = backend.compiledKernels;
      if (step % 100 === 99) counts.push(await collect());
    });
    const after = await collect();
    console.log(
      `live buffers after gc() every 100 steps: ${counts.join(', ')}; peak between collections ` +
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
