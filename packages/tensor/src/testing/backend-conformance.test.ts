import { describe, expect, it } from 'vitest';
// Through the package's subpath export, as a backend package would import it (vitest aliases it to
// src/testing/index.ts).
import { backendConformanceCases } from '@torchlet/tensor/testing';
import type { Backend } from '../backend';
import { cpuBackend } from '../cpu/cpu-backend';
import { createCpuBackend } from '../cpu/create-cpu-backend';
import type { TypedArray } from '../dtype';

describe('backend conformance: cpuBackend', () => {
  for (const c of backendConformanceCases(cpuBackend)) it(c.name, c.run);
});

// The reference: float32 matmul on the TypeScript gemm instead of the WebAssembly one.
describe('backend conformance: createCpuBackend({ wasm: false })', () => {
  for (const c of backendConformanceCases(createCpuBackend({ wasm: false }))) it(c.name, c.run);
});

/** Runs every case and returns the names of those that rejected, with their messages. */
async function failures(backend: Backend<TypedArray>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of backendConformanceCases(backend)) {
    await c
      .run()
      .catch((e: unknown) => out.set(c.name, e instanceof Error ? e.message : String(e)));
  }
  return out;
}

describe('backend conformance: the suite can fail', () => {
  it('catches a binary kernel that swaps the operands of sub, and nothing else', async () => {
    const broken: Backend<TypedArray> = {
      ...cpuBackend,
      binary: (op, a, b, dtype) =>
        op === 'sub' ? cpuBackend.binary(op, b, a, dtype) : cpuBackend.binary(op, a, b, dtype),
    };
    const failed = await failures(broken);
    const sub = failed.get('binary sub: float32 with broadcasting strides');
    expect(sub).toMatch(
      /^binary sub \(transposed, broadcast dim 1\): element 0 \(index \[0, 0, 0\] of shape \[3, 4, 5\]\) is .*, expected .*elements differ$/,
    );
    // Cases that use sub elsewhere fail too; cases that never subtract pass.
    expect(
      failed.has('binary: int32 inputs (exact arithmetic, true division, bool comparisons)'),
    ).toBe(true);
    expect(failed.has('binary add: float32 with broadcasting strides')).toBe(false);
    expect(failed.has('matmul: 3×5×7 with both operands transposed')).toBe(false);
  });

  it('catches a matmul kernel that returns zeros', async () => {
    const broken: Backend<TypedArray> = {
      ...cpuBackend,
      matmul: (a, b, dtype) => {
        const nd = a.shape.length;
        let size = a.shape[nd - 2] * b.shape[nd - 1];
        for (let d = 0; d < nd - 2; d++) size *= a.shape[d];
        return cpuBackend.full(size, 0, dtype);
      },
    };
    const failed = await failures(broken);
    const matmulCases = backendConformanceCases(cpuBackend)
      .map((c) => c.name)
      .filter((name) => name.startsWith('matmul:'));
    // Every matmul case with a non-empty, nonzero product fails; k = 0 and m = 0 legitimately pass.
    for (const name of matmulCases) {
      const legit = name.includes('k = 0') || name.includes('m = 0');
      expect(failed.has(name), name).toBe(!legit);
    }
    expect(failed.get('matmul: 3×5×7 with both operands transposed')).toMatch(/is 0, expected/);
    expect(failed.has('tensor API: a.T.matmul(b).sum(0)')).toBe(true);
    expect(failed.has('reduce sum: float32 over one and several dims of strided views')).toBe(
      false,
    );
  });

  it('catches a copy kernel that ignores the view offset', async () => {
    const broken: Backend<TypedArray> = {
      ...cpuBackend,
      copy: (x, dtype) => cpuBackend.copy({ ...x, offset: 0 }, dtype),
    };
    const failed = await failures(broken);
    expect(
      failed.get(
        'copy: strided float32 views become contiguous (transposed, offset, gapped, broadcast)',
      ),
    ).toMatch(/^copy offset view: element 0/);
  });

  it('catches a max reduction that skips NaN', async () => {
    const broken: Backend<TypedArray> = {
      ...cpuBackend,
      reduce: (op, x, dims, dtype) => {
        if (op !== 'max') return cpuBackend.reduce(op, x, dims, dtype);
        // Replace NaN by -Infinity before reducing: the classic GPU shortcut.
        const clean = cpuBackend.copy(x, x.dtype).map((v) => (Number.isNaN(v) ? -Infinity : v));
        return cpuBackend.reduce(
          op,
          { ...x, buffer: clean, strides: contiguous(x.shape), offset: 0 },
          dims,
          dtype,
        );
      },
    };
    const failed = await failures(broken);
    expect(failed.get('reduce: NaN propagates through max/min and wins argmax/argmin')).toMatch(
      /^reduce max dim 0 with a NaN: element 2 \(index \[0, 2\] of shape \[1, 4\]\) is 3, expected NaN/,
    );
  });

  it('catches fused kernels that skip the max shift, forget eps, or ignore the offset', async () => {
    const fused = cpuBackend.fused!;
    const broken: Backend<TypedArray> = {
      ...cpuBackend,
      fused: {
        ...fused,
        // exp without the shift: e^(1e4) overflows to Infinity and the row turns NaN.
        softmax: (x, log, dtype) => {
          const n = x.shape.reduce((a, b) => a * b, 1);
          const cols = x.shape[x.shape.length - 1];
          const out = new Float64Array(n);
          for (let r = 0; r < n; r += cols) {
            let sum = 0;
            for (let j = 0; j < cols; j++) sum += Math.exp(x.buffer[x.offset + r + j]);
            for (let j = 0; j < cols; j++) {
              const v = x.buffer[x.offset + r + j];
              out[r + j] = log ? v - Math.log(sum) : Math.exp(v) / sum;
            }
          }
          return cpuBackend.upload(out, dtype);
        },
        layerNorm: (x, w, b, _eps, dtype) => fused.layerNorm!(x, w, b, 0.5, dtype),
        gelu: (x, approximate, dtype) => fused.gelu!({ ...x, offset: 0 }, approximate, dtype),
      },
    };
    const failed = await failures(broken);
    expect(
      failed.get('fused softmax and logSoftmax over the last dim, float32, large logits'),
    ).toMatch(/^softmax float32: element 0 .* is NaN, expected/);
    expect(failed.get('fused layerNorm with and without weight and bias, float64')).toMatch(
      /^layerNorm affine=true float64: element 0 /,
    );
    expect(failed.get('fused gelu (exact and tanh) on an offset float32 view')).toMatch(
      /^gelu none float32: element 0 /,
    );
    expect(failed.has('fused adamStep (AdamW and Adam with L2), float32')).toBe(false);
  });
});

function contiguous(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}
