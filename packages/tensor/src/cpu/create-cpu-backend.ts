import type { Backend } from '../backend';
import { checkOptions } from '../check-options';
import type { TypedArray } from '../dtype';
import type { CpuAccelerator } from './cpu-accelerator';
import { cpuBackend, matmulKernel } from './cpu-backend';
import { defaultAccelerator } from './default-accelerator';
import { adamStepKernel } from './fused/adam-step-kernel';
import { attentionBackwardKernel } from './fused/attention-backward-kernel';
import { attentionKernel } from './fused/attention-kernel';

/** Options of {@link createCpuBackend}. */
export interface CpuBackendOptions {
  /**
   * Where float32 matmul and the Adam step run. `false`: the TypeScript kernels, the reference
   * implementation. `cpuWasm` (from `@torchlet/tensor/cpu-wasm`): the WebAssembly SIMD kernels,
   * threaded in Node. `true`: this build's default accelerator, which is `cpuWasm` in Node; the
   * browser build has none, and throws. Left out: {@link cpuBackend} as it is.
   */
  wasm?: boolean | CpuAccelerator;
}

const noDefault =
  "createCpuBackend: { wasm: true } asks for this build's WebAssembly kernels, but the browser " +
  "build of @torchlet/tensor wires none in; import { cpuWasm } from '@torchlet/tensor/cpu-wasm' " +
  'and pass { wasm: cpuWasm }';

/**
 * A CPU backend. With the defaults (and with the accelerator the build already uses) it is
 * {@link cpuBackend} itself; `{ wasm: false }` gives one whose matmul (attention's inner products too) is the TypeScript gemm for
 * every dtype (slower; float32 products summed in float64), e.g. to check results against the
 * reference or to rule out the wasm kernel; `{ wasm: cpuWasm }` one whose float32 matmul and
 * Adam step run on WebAssembly SIMD, which is how browser apps opt in. A backend other than
 * `cpuBackend` is a device of its own: create it once, and set it as the default.
 *
 * @example
 * ```ts
 * import { createCpuBackend, tensor } from '@torchlet/tensor';
 * const reference = createCpuBackend({ wasm: false });
 * const a = tensor([[1, 2], [3, 4]], { backend: reference });
 * a.matmul(a); // computed by the TypeScript gemm
 * ```
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend<TypedArray> {
  checkOptions('createCpuBackend', options, ['wasm']);
  const { wasm } = options;
  if (wasm === undefined) return cpuBackend;
  if (wasm === true && defaultAccelerator === undefined) throw new Error(noDefault);
  const accelerator = wasm === true ? defaultAccelerator : wasm === false ? undefined : wasm;
  if (accelerator !== undefined && !isAccelerator(accelerator)) {
    const got = accelerator === null ? 'null' : typeof accelerator;
    throw new TypeError(
      `createCpuBackend: wasm must be true, false or cpuWasm from '@torchlet/tensor/cpu-wasm', got ${got}`,
    );
  }
  if (accelerator === defaultAccelerator) return cpuBackend;
  return {
    ...cpuBackend,
    matmul: (a, b, dtype) =>
      (dtype === 'float32' ? accelerator?.matmul(a, b) : undefined) ?? matmulKernel(a, b, dtype),
    fused: {
      ...cpuBackend.fused,
      adamStep: (p, g, m, v, o, dtype) => adamStepKernel(p, g, m, v, o, dtype, accelerator),
      // Attention's inner products on the same accelerator as matmul (none: the TypeScript gemm).
      attention: (q, k, v, mask, dropout, o, dtype) =>
        attentionKernel(q, k, v, mask, dropout, o, dtype, accelerator),
      attentionBackward: (grad, q, k, v, out, lse, mask, dropout, o, dtype) =>
        attentionBackwardKernel(grad, q, k, v, out, lse, mask, dropout, o, dtype, accelerator),
    },
  };
}

function isAccelerator(x: unknown): x is CpuAccelerator {
  const a = x as Partial<CpuAccelerator> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.matmul === 'function' &&
    typeof a.adamStep === 'function' &&
    typeof a.threads === 'function'
  );
}
