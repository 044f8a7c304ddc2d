import {
  contiguousStrides,
  type Backend,
  type BinaryOp,
  type DType,
  type FusedKernels,
  type ReduceOp,
  type TypedArray,
  type UnaryOp,
  type View,
} from '@torchlet/tensor';
import type { GPU, IKernelRunShortcut, Texture } from 'gpu.js';
import { BufferRegistry } from './buffer-registry';
import { binaryExpression } from './codegen/binary-expression';
import { unaryExpression } from './codegen/unary-expression';
import type { DeviceMode } from './device-mode';
import { fromFloat32 } from './from-float32';
import type { DeviceData, GpuBuffer } from './gpu-buffer';
import { gpujsFusedKernels } from './gpujs-fused-kernels';
import { growthWarning } from './growth-warning';
import { KernelCache } from './kernel-cache';
import { catPlan } from './kernels/cat-plan';
import { elementwisePlan } from './kernels/elementwise-plan';
import { gatherPlan } from './kernels/gather-plan';
import type { KernelPlan } from './kernels/kernel-plan';
import { matmulPlan } from './kernels/matmul-plan';
import { reducePlan } from './kernels/reduce-plan';
import { scatterAddPlan } from './kernels/scatter-add-plan';
import { nextTask } from './next-task';
import { toFloat32 } from './to-float32';

/** Inputs bound by one cat kernel: WebGL guarantees only 8 texture units per fragment shader. */
const maxCatInputs = 8;

/**
 * A torchlet {@link Backend} whose kernels are gpu.js kernels. Buffers stay on the device between
 * ops (textures in the GL modes, gpu.js's Float32Arrays in `cpu`/`webasm`) and come back to the
 * host only through `read`/`readSync`. Kernel sources are generated per op, dtype, shape and
 * strides, compiled once and cached. Every dtype is stored as float32: int32 is exact up to
 * 2^24 and float64 is computed in float32.
 *
 * Create one with the async factory {@link gpujs}, which picks a working mode.
 *
 * @example
 * ```ts
 * import { setDefaultBackend, randn } from '@torchlet/tensor';
 * import { gpujs } from '@torchlet/backend-gpujs';
 * const backend = await gpujs({ mode: 'gpu' });
 * setDefaultBackend(backend);
 * const y = randn([64, 64]).matmul(randn([64, 64])); // runs on the device
 * backend.liveBuffers; // device buffers alive now
 * ```
 */
export class GpuJsBackend implements Backend<GpuBuffer> {
  readonly name: string;
  readonly specVersion = 1 as const;
  /**
   * Every fused kernel of the spec (GELU, softmax, layer norm, cross entropy, attention and
   * their backwards, the Adam step), each one to six gpu.js kernels in place of the
   * composition's many.
   */
  readonly fused: FusedKernels<GpuBuffer>;
  private readonly cache: KernelCache;
  private readonly buffers: BufferRegistry;
  /** GL modes return textures from pipelined kernels; cpu and webasm return Float32Arrays. */
  private readonly textures: boolean;
  /** Stands in for empty buffers as kernel arguments (gpu.js rejects empty arrays). */
  private placeholder: DeviceData | null = null;
  /** Keeps the GL placeholder's wrapper alive, so the finalizer never deletes its texture. */
  private placeholderBuffer: GpuBuffer | null = null;

  constructor(
    /** The gpu.js instance the kernels are compiled on. */
    readonly gpu: GPU,
    /** The mode gpu.js runs the kernels in. */
    readonly mode: DeviceMode,
    /** Receives the one warning about live buffers that grow in a loop that never yields. */
    onWarning: (message: string) => void = (message) => console.warn(message),
  ) {
    this.name = `gpujs:${mode}`;
    this.textures = mode === 'headlessgl' || mode === 'webgl2' || mode === 'webgl';
    this.cache = new KernelCache((source, size) => this.compile(source, size));
    this.buffers = new BufferRegistry(
      this.textures ? (data) => (data instanceof Float32Array ? undefined : data.delete()) : null,
      (from, to) => onWarning(growthWarning(this.name, this.textures, from, to)),
    );
    this.fused = gpujsFusedKernels(
      (plan) => this.launch(plan),
      (buffer) => this.free(buffer),
    );
  }

  /**
   * Device buffers created and not yet freed or garbage-collected. A collected buffer leaves the
   * count when its finalizer runs, between tasks of the event loop; if the count doubles (past
   * 10,000) while the program never yields, the backend warns once.
   */
  get liveBuffers(): number {
    return this.buffers.live;
  }

  /** Kernels compiled so far; it stops growing once every op/shape of a loop has run. */
  get compiledKernels(): number {
    return this.cache.compiled;
  }

  upload(data: TypedArray | readonly number[], dtype: DType): GpuBuffer {
    return this.fromHost(toFloat32(data, dtype));
  }

  full(size: number, value: number, dtype: DType): GpuBuffer {
    const v = toFloat32([value], dtype)[0];
    if (!this.textures || size === 0)
      return this.buffers.wrap(new Float32Array(size).fill(v), size);
    return this.launch({
      key: 'full',
      size,
      buffers: [],
      scalars: [v],
      source: () => 'function(p0) { return p0; }',
    });
  }

  /**
   * Reads a buffer back. It resolves on a later turn of the event loop, not at once: finalizers
   * only run between tasks, so a training loop that awaits its loss each step lets the buffers of
   * collected tensors be released while it runs.
   */
  read(buffer: GpuBuffer, dtype: DType): Promise<TypedArray> {
    return new Promise((resolve, reject) =>
      nextTask(() => {
        try {
          resolve(this.readSync(buffer, dtype));
        } catch (e) {
          reject(e);
        }
      }),
    );
  }

  readSync(buffer: GpuBuffer, dtype: DType): TypedArray {
    return fromFloat32(this.hostValues(buffer), dtype);
  }

  free(buffer: GpuBuffer): void {
    this.buffers.release(buffer);
  }

  copy(x: View<GpuBuffer>, dtype: DType): GpuBuffer {
    return this.launch(elementwisePlan('copy', dtype, [x], ([v]) => ({ lines: [], expr: v })));
  }

  unary(op: UnaryOp, x: View<GpuBuffer>, dtype: DType): GpuBuffer {
    return this.launch(
      elementwisePlan(`unary:${op}`, dtype, [x], ([v]) => unaryExpression(op, v, 't')),
    );
  }

  binary(op: BinaryOp, a: View<GpuBuffer>, b: View<GpuBuffer>, dtype: DType): GpuBuffer {
    return this.launch(
      elementwisePlan(`binary:${op}`, dtype, [a, b], ([u, v]) => binaryExpression(op, u, v, 't')),
    );
  }

  reduce(op: ReduceOp, x: View<GpuBuffer>, dims: readonly number[], dtype: DType): GpuBuffer {
    return this.launch(reducePlan(op, x, dims, dtype));
  }

  matmul(a: View<GpuBuffer>, b: View<GpuBuffer>, dtype: DType): GpuBuffer {
    const nd = a.shape.length;
    if (nd < 2 || b.shape.length !== nd || b.shape[nd - 2] !== a.shape[nd - 1]) {
      throw new RangeError(
        `matmul: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] cannot be multiplied`,
      );
    }
    return this.launch(matmulPlan(a, b, dtype));
  }

  where(cond: View<GpuBuffer>, a: View<GpuBuffer>, b: View<GpuBuffer>, dtype: DType): GpuBuffer {
    return this.launch(
      elementwisePlan('where', dtype, [cond, a, b], ([c, u, v]) => ({
        lines: [],
        expr: `(${c} === 0 ? ${v} : ${u})`,
      })),
    );
  }

  gather(x: View<GpuBuffer>, dim: number, index: View<GpuBuffer>, dtype: DType): GpuBuffer {
    return this.launch(gatherPlan(x, dim, index, dtype));
  }

  scatterAdd(
    base: View<GpuBuffer>,
    dim: number,
    index: View<GpuBuffer>,
    src: View<GpuBuffer>,
    dtype: DType,
  ): GpuBuffer {
    return this.launch(scatterAddPlan(base, dim, index, src, dtype));
  }

  cat(xs: readonly View<GpuBuffer>[], dim: number, dtype: DType): GpuBuffer {
    let parts = xs.filter((x) => x.shape[dim] > 0);
    if (parts.length === 0) {
      const shape = xs[0].shape.map((s, d) => (d === dim ? 0 : s));
      return this.launch(catPlan([{ ...xs[0], shape }], dim, dtype));
    }
    // Long lists are joined in groups; the partial results are freed once used.
    const temporaries: GpuBuffer[] = [];
    while (parts.length > maxCatInputs) {
      const group = parts.slice(0, maxCatInputs);
      const joined = this.launch(catPlan(group, dim, dtype));
      temporaries.push(joined);
      const shape = group[0].shape.slice();
      shape[dim] = group.reduce((s, x) => s + x.shape[dim], 0);
      parts = [
        { buffer: joined, dtype, shape, strides: contiguousStrides(shape), offset: 0 },
        ...parts.slice(maxCatInputs),
      ];
    }
    const out = this.launch(catPlan(parts, dim, dtype));
    for (const t of temporaries) this.free(t);
    return out;
  }

  /** Deletes every compiled kernel and the gpu.js instance. Buffers of this backend die with it. */
  destroy(): void {
    this.cache.clear();
    this.gpu.destroy();
  }

  private compile(source: string, size: number): IKernelRunShortcut {
    return this.gpu.createKernel(source, {
      output: [size],
      pipeline: true,
      // A new output per call: without it gpu.js reuses one output for every call of a kernel.
      immutable: true,
      // One kernel serves views into buffers of any size.
      dynamicArguments: true,
      precision: 'single',
      tactic: 'precision',
    });
  }

  private launch(plan: KernelPlan): GpuBuffer {
    if (plan.size === 0) return this.buffers.wrap(new Float32Array(0), 0);
    const kernel = this.cache.get(plan);
    const args = [...plan.buffers.map((b) => this.argument(b)), ...plan.scalars];
    const out = kernel(...(args as Parameters<IKernelRunShortcut>)) as unknown as DeviceData;
    return this.buffers.wrap(out, plan.size);
  }

  /** Turns host float32 values into a device buffer (a texture in the GL modes). */
  private fromHost(values: Float32Array): GpuBuffer {
    if (!this.textures || values.length === 0) return this.buffers.wrap(values, values.length);
    const plan: KernelPlan = {
      key: 'upload',
      size: values.length,
      buffers: [],
      scalars: [],
      source: () => 'function(x0) { return x0[this.thread.x]; }',
    };
    const kernel = this.cache.get(plan);
    return this.buffers.wrap(kernel(values) as unknown as Texture, values.length);
  }

  /** The device data to pass as a kernel argument; empty buffers get a 1-element stand-in. */
  private argument(buffer: GpuBuffer): DeviceData {
    const data = buffer.cell.data;
    if (data === null) throw freedError(this.name);
    if (buffer.size > 0) return data;
    if (this.placeholder === null) {
      if (this.textures) {
        this.placeholderBuffer = this.fromHost(new Float32Array(1));
        this.placeholder = this.placeholderBuffer.cell.data;
      } else {
        this.placeholder = new Float32Array(1);
      }
    }
    return this.placeholder as DeviceData;
  }

  private hostValues(buffer: GpuBuffer): Float32Array {
    const data = buffer.cell.data;
    if (data === null) throw freedError(this.name);
    if (buffer.size === 0) return new Float32Array(0);
    if (data instanceof Float32Array) return data;
    const values = data.toArray();
    if (values instanceof Float32Array) return values.subarray(0, buffer.size);
    return Float32Array.from(
      (values as ArrayLike<number>[]).flatMap((row) => Array.from(row)),
    ).subarray(0, buffer.size);
  }
}

function freedError(name: string): Error {
  return new Error(
    `${name}: the buffer was freed (tensor.dispose() or backend.free) and cannot be used`,
  );
}
