import { gpujs, type GpuJsBackend } from '@torchlet/backend-gpujs';
import {
  GELU,
  Linear,
  manualSeed,
  Node,
  randn,
  ReLU,
  setDefaultBackend,
  Tensor,
  type Module,
} from 'torchlet';

/** The MLP one probe builds: `layers` Linear layers `width → width`, `activation` between. */
export interface GraphMemoryCase {
  layers: number;
  width: number;
  batch: number;
  activation: 'relu' | 'gelu';
  /** `cpu` (torchlet's default CPU backend) or torchlet's gpu.js backend in `webasm` mode. */
  backend: 'cpu' | 'gpujs-webasm';
}

/**
 * One measured forward and backward. Bytes are JS heap plus typed arrays (`heapUsed +
 * arrayBuffers` of `process.memoryUsage()`) above the baseline: model, input and warm backend,
 * after a full collection.
 */
export interface GraphMemoryPass {
  /** The highest sample of the forward pass. */
  forwardPeak: number;
  /** The highest sample of `backward()`. */
  backwardPeak: number;
  /** After a full collection, with the loss in hand before `backward()`: what the graph keeps. */
  afterForward: number;
  /** Of {@link afterForward}, the typed arrays. */
  afterForwardArrayBuffers: number;
  /** After a full collection once `backward()` returned: the `.grad`s and what the graph holds. */
  afterBackward: number;
  /** gpu.js: device buffers alive above the baseline after the forward pass, and after backward. */
  liveBuffersAfterForward?: number;
  liveBuffersAfterBackward?: number;
  /** Wall time of the forward and backward, sampling included, in ms. */
  ms: number;
}

/** What {@link probeGraphMemory} measures, in one process. */
export interface GraphMemoryResult {
  /** The parameters: bytes after building the model, over before. */
  model: number;
  /** Samples taken as they come: garbage not yet collected counts (what the process holds). */
  natural: GraphMemoryPass;
  /** `gc()` before each sample: only what is still reachable counts. */
  live: GraphMemoryPass;
}

/** Lets finalizers run (only between tasks), so gpu.js's live-buffer count is current. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Builds the MLP of `c` and runs one forward (the loss is the output's mean) and `backward()`
 * untimed (the CPU backend's wasm memory grows to its working size, gpu.js compiles its
 * kernels), then two measured ones, the gradients cleared before each: `natural` samples
 * `process.memoryUsage()` as it is, `live` calls `gc()` first. The natural pass samples after
 * every activation, after every graph node's rule (by wrapping `Node.prototype.apply`) and as
 * every leaf's `.grad` is stored (by wrapping `Tensor.prototype.detach`, which the engine calls
 * on each leaf gradient); the live pass, whose every sample costs a full collection, samples once
 * a layer in each: after the activation, after the matmul node, at the weight's `.grad`. The
 * wrappers only observe: graph, rules and engine run unchanged. Needs `node --expose-gc`.
 *
 * @example
 * ```ts
 * // node --expose-gc --import tsx …
 * const r = await probeGraphMemory({
 *   layers: 32, width: 1024, batch: 256, activation: 'relu', backend: 'cpu',
 * });
 * r.live.afterForward / 2 ** 20; // MiB the graph keeps until backward
 * ```
 */
export async function probeGraphMemory(c: GraphMemoryCase): Promise<GraphMemoryResult> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) {
    throw new Error('probeGraphMemory: run node with --expose-gc (every baseline is after a GC)');
  }
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  let backend: GpuJsBackend | undefined;
  if (c.backend === 'gpujs-webasm') {
    backend = await gpujs({ mode: 'webasm', onWarning: () => undefined });
    if (backend.mode !== 'webasm') throw new Error(`gpujs: no webasm mode here (${backend.mode})`);
    setDefaultBackend(backend);
  }
  /** Collects, and on gpu.js lets finalizers release device buffers until the count holds. */
  const settle = async (): Promise<number> => {
    collect();
    if (backend === undefined) return 0;
    let count = -1;
    for (let i = 0; i < 10 && count !== backend.liveBuffers; i++) {
      count = backend.liveBuffers;
      await nextTask();
      collect();
    }
    return backend.liveBuffers;
  };

  manualSeed(0);
  await settle();
  const beforeModel = used();
  const modules: Module[] = [];
  for (let i = 0; i < c.layers; i++) {
    modules.push(new Linear(c.width, c.width));
    if (i < c.layers - 1) modules.push(c.activation === 'relu' ? new ReLU() : new GELU());
  }
  const x = randn([c.batch, c.width]);
  await settle();
  const model = used() - beforeModel;
  const params = modules.flatMap((m) => m.parameters());
  const forward = (onLayer: () => void): Tensor => {
    let h = x;
    for (const m of modules) {
      h = m.forward(h);
      if (!(m instanceof Linear)) onLayer();
    }
    return h.mean();
  };
  forward(() => undefined).backward();

  const measure = async (live: boolean): Promise<GraphMemoryPass> => {
    for (const p of params) p.grad = null;
    const baseBuffers = await settle();
    const base = used();
    const baseArrayBuffers = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sample = () => {
      if (live) collect();
      peak = Math.max(peak, used());
    };
    const t0 = performance.now();
    const loss = forward(sample);
    sample();
    const forwardMs = performance.now() - t0;
    const forwardPeak = peak;
    const buffersAfterForward = await settle();
    const afterForward = used();
    const afterForwardArrayBuffers = process.memoryUsage().arrayBuffers;

    peak = 0;
    let layerSamples = 0;
    const { apply } = Node.prototype;
    const { detach } = Tensor.prototype;
    Node.prototype.apply = function (this: Node, grad: Tensor) {
      const grads = apply.call(this, grad);
      const layerEnd = this.name === 'MatmulBackward0';
      if (layerEnd) layerSamples++;
      if (!live || layerEnd) sample();
      return grads;
    };
    Tensor.prototype.detach = function (this: Tensor) {
      if (!live || this.ndim === 2) sample();
      return detach.call(this);
    };
    const t1 = performance.now();
    try {
      loss.backward();
    } finally {
      Node.prototype.apply = apply;
      Tensor.prototype.detach = detach;
    }
    sample();
    const backwardMs = performance.now() - t1;
    // The live pass samples once a layer by the matmul node's name: make sure it did.
    if (layerSamples !== c.layers) {
      throw new Error(
        `probeGraphMemory: saw ${layerSamples} MatmulBackward0 nodes, not ${c.layers}`,
      );
    }
    if (params.some((p) => p.grad === null))
      throw new Error('probeGraphMemory: a .grad is missing');
    const buffersAfterBackward = await settle();
    return {
      forwardPeak: forwardPeak - base,
      backwardPeak: peak - base,
      afterForward: afterForward - base,
      afterForwardArrayBuffers: afterForwardArrayBuffers - baseArrayBuffers,
      afterBackward: used() - base,
      ...(backend === undefined
        ? {}
        : {
            liveBuffersAfterForward: buffersAfterForward - baseBuffers,
            liveBuffersAfterBackward: buffersAfterBackward - baseBuffers,
          }),
      ms: forwardMs + backwardMs,
    };
  };
  const natural = await measure(false);
  const live = await measure(true);
  backend?.destroy();
  return { model, natural, live };
}
