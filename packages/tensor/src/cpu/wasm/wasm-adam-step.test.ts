import { describe, expect, it } from 'vitest';
import type { AdamStepOptions } from '../../backend';
import { adamStepKernel } from '../fused/adam-step-kernel';
import { cpuWasm } from './cpu-wasm';
import { cpuWasm as browserCpuWasm } from './cpu-wasm.browser';
import { loadWasmGemm } from './load-wasm-gemm';

function filled(n: number, seed: number, lo: number, hi: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * s) / 2147483648;
  });
}

const view = (buffer: Float32Array, offset = 0) => ({
  buffer,
  dtype: 'float32' as const,
  shape: [buffer.length - offset],
  strides: [1],
  offset,
});

describe('the wasm Adam step', () => {
  it('is available here (Node 20 has WebAssembly SIMD)', () => {
    expect(loadWasmGemm(true)).toBeDefined();
  });

  for (const [decoupled, accelerator] of [
    [true, cpuWasm],
    [false, cpuWasm],
    [true, browserCpuWasm],
  ] as const) {
    it(`gives the TypeScript loop's float32 results bit for bit (${accelerator.name}, decoupled=${decoupled}, SIMD body and tail)`, () => {
      const n = 1031; // 257 vectors and a tail of 3
      const inputs = () => [
        filled(n, 1, -1, 1),
        filled(n, 2, -0.3, 0.3),
        filled(n, 3, -0.05, 0.05),
        filled(n, 4, 0, 0.002),
      ];
      const wasm = inputs();
      const ts = inputs();
      // It runs (rather than declining and leaving the TypeScript loop to compare with itself).
      const scalars = [1, 0, 0.9, 0.1, 0.999, 0.001, 1, -1e-3, 1e-8];
      const probe = () => new Float32Array([0.5, -0.5, 0.25, 1, 2]);
      const [pp, pg, pm, pv] = [probe(), probe(), probe(), probe()];
      expect(accelerator.adamStep(pp, pg, pm, pv, scalars)).toBe(true);
      expect(pp[0]).not.toBe(0.5);
      for (let step = 1; step <= 5; step++) {
        const o: AdamStepOptions = {
          lr: 3e-3,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0.05,
          decoupled,
          step,
        };
        const [p, g, m, v] = wasm.map((b) => view(b));
        adamStepKernel(p, g, m, v, o, 'float32', accelerator);
        const [p2, g2, m2, v2] = ts.map((b) => view(b));
        adamStepKernel(p2, g2, m2, v2, o, 'float32');
      }
      for (const k of [0, 2, 3]) expect(Array.from(wasm[k])).toEqual(Array.from(ts[k]));
      // And the parameters moved.
      expect(wasm[0][0]).not.toBe(filled(1, 1, -1, 1)[0]);
    });
  }
});
