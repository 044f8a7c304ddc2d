import { describe, expect, it, vi } from 'vitest';
import type { Backend, View } from '../backend';
import { randn } from '../creation/random';
import type { TypedArray } from '../dtype';
import { tensor } from '../creation/tensor';
import { cpuBackend } from './cpu-backend';
import { createCpuBackend } from './create-cpu-backend';
import { defaultAccelerator } from './default-accelerator';
import { cpuWasm } from './wasm/cpu-wasm';
import { cpuWasm as browserCpuWasm } from './wasm/cpu-wasm.browser';

/** 1e8 + 1 − 1e8: 1 from the TypeScript gemm's float64 sum, 0 from the wasm kernel's float32 one. */
const sumOrder = (backend: Backend) =>
  tensor([[1e8, 1, -1e8]], { backend })
    .matmul(tensor([[1], [1], [1]], { backend }))
    .item();

describe('createCpuBackend', () => {
  it('in Node (and the workspace) the default CPU backend runs on cpuWasm, with threads', () => {
    expect(defaultAccelerator).toBe(cpuWasm);
    expect(cpuWasm.name).toBe('wasm+threads');
    expect(sumOrder(cpuBackend)).toBe(0);
    for (const options of [undefined, {}, { wasm: true }, { wasm: cpuWasm }]) {
      expect(createCpuBackend(options)).toBe(cpuBackend);
    }
  });

  it('{ wasm: false } is the TypeScript reference; another accelerator a device of its own', () => {
    const reference = createCpuBackend({ wasm: false });
    expect(reference).not.toBe(cpuBackend);
    expect(sumOrder(reference)).toBe(1);
    const oneThread = createCpuBackend({ wasm: browserCpuWasm });
    expect(oneThread).not.toBe(cpuBackend);
    expect(sumOrder(oneThread)).toBe(0);
    expect(() => tensor([1], { backend: oneThread }).matmul(tensor([1]))).toThrow(
      /expected both tensors on the same device/,
    );
  });

  it('{ wasm: false } runs attention on the TypeScript gemm too, with the same values', () => {
    const reference = createCpuBackend({ wasm: false });
    const spy = vi.spyOn(cpuWasm, 'matmul');
    try {
      const [q, k, v] = [0, 1, 2].map(() => randn([2, 16, 8]));
      // Kernels take plain views (a spread of a Tensor would lose its `buffer` getter).
      const views = (b: typeof reference) =>
        [q, k, v].map((t): View<TypedArray> => {
          const on = tensor(t, { backend: b });
          const { dtype, shape, strides, offset } = on;
          return { buffer: on.buffer as TypedArray, dtype, shape, strides, offset };
        });
      const options = { causal: true, scale: 0.5 };
      const [rq, rk, rv] = views(reference);
      const ref = reference.fused!.attention!(rq, rk, rv, null, null, options, 'float32');
      expect(spy).not.toHaveBeenCalled();
      const [fq, fk, fv] = views(cpuBackend);
      const fast = cpuBackend.fused!.attention!(fq, fk, fv, null, null, options, 'float32');
      expect(spy).toHaveBeenCalled();
      const gap = Array.from(ref.output).reduce(
        (m, x, i) => Math.max(m, Math.abs(x - fast.output[i])),
        0,
      );
      expect(gap).toBeLessThan(1e-5);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a wasm option that is no accelerator, and misspelt options', () => {
    for (const wasm of ['yes', 1, null, {}, { matmul: () => undefined }]) {
      expect(() => createCpuBackend({ wasm } as never)).toThrow(
        /createCpuBackend: wasm must be true, false or cpuWasm from '@torchlet\/tensor\/cpu-wasm', got/,
      );
    }
    expect(() => createCpuBackend({ wsam: false } as never)).toThrow(
      /createCpuBackend: unknown option 'wsam'; expected one of 'wasm'/,
    );
  });
});
