import type { GPU as GPUClass, Texture } from 'gpu.js';
import type { DeviceMode } from './device-mode';
import { GpuJsBackend } from './gpujs-backend';
import type { GpuJsMode } from './gpujs-mode';
import { headlessGlReason, nodeHeadlessGlProbe } from './headless-gl-reason';
import { modeFallbacks } from './mode-fallbacks';

/**
 * Options of {@link gpujs}.
 *
 * @example
 * ```ts
 * const options: GpuJsOptions = { mode: 'webasm', onWarning: (m) => log.push(m) };
 * ```
 */
export interface GpuJsOptions {
  /** The gpu.js mode to run kernels in. Default `'gpu'` (the best GL context). */
  readonly mode?: GpuJsMode;
  /**
   * gpu.js's `GPU` class, for bundles that import gpu.js themselves. Default: gpu.js is imported
   * on demand, so the package loads without the optional peer dependency.
   */
  readonly GPU?: typeof GPUClass;
  /**
   * Receives the backend's warnings, each given at most once: the mode it fell back to, and live
   * buffers that keep growing in a loop that never yields to the event loop. Default
   * `console.warn`.
   */
  readonly onWarning?: (message: string) => void;
}

/** What a fallback means for the user, by the mode fallen back to. */
const fallbackNote: Record<DeviceMode, string> = {
  headlessgl: 'kernels run on the GPU through headless-gl',
  webgl2: 'kernels run on the GPU through WebGL2',
  webgl: 'kernels run on the GPU through WebGL',
  webasm: 'kernels run on the CPU as WebAssembly; same results, slower',
  cpu: 'kernels run on the CPU as plain JavaScript; same results, slowest',
};

const supportedModes: readonly GpuJsMode[] = [
  'gpu',
  'headlessgl',
  'webgl2',
  'webgl',
  'webasm',
  'cpu',
];

/**
 * Creates the gpu.js backend. Asks for `mode` and, when that mode cannot run here (no WebGL
 * context; in Node, headless-gl not installed, not built or without a display; no WebAssembly),
 * falls back to `'webasm'` and then `'cpu'`, printing one warning that names the mode it fell
 * back to and why. Each mode is checked by running a small kernel, so a context that exists but
 * fails is skipped too. `'webgpu'` is never chosen.
 *
 * @example
 * ```ts
 * import { setDefaultBackend } from '@torchlet/tensor';
 * import { gpujs } from '@torchlet/backend-gpujs';
 * setDefaultBackend(await gpujs({ mode: 'gpu' }));
 * ```
 */
export async function gpujs(options: GpuJsOptions = {}): Promise<GpuJsBackend> {
  const requested = options.mode ?? 'gpu';
  if (!supportedModes.includes(requested)) {
    throw new TypeError(
      `gpujs: mode '${String(requested)}' is not supported; use one of ${supportedModes
        .map((m) => `'${m}'`)
        .join(
          ', ',
        )} (webgpu and async kernels return Promises, and the Backend spec is synchronous)`,
    );
  }
  const GPU = options.GPU ?? (await importGpuJs());
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const skipped: string[] = [];
  for (const mode of modeFallbacks(requested)) {
    const reason = unavailableReason(GPU, mode);
    if (reason !== null) {
      skipped.push(`'${mode}' is unavailable (${reason})`);
      continue;
    }
    try {
      const gpu = new GPU({ mode });
      const resolved = probe(gpu, mode);
      if (skipped.length > 0) {
        warn(
          `@torchlet/backend-gpujs: ${skipped.join('; ')}; falling back to '${resolved}' ` +
            `(${fallbackNote[resolved]}).`,
        );
      }
      return new GpuJsBackend(gpu, resolved, warn);
    } catch (e) {
      skipped.push(`'${mode}' failed (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  throw new Error(`gpujs: no gpu.js mode works here: ${skipped.join('; ')}`);
}

async function importGpuJs(): Promise<typeof GPUClass> {
  try {
    const mod = (await import('gpu.js')) as {
      GPU?: typeof GPUClass;
      default?: { GPU: typeof GPUClass };
    };
    const GPU = mod.GPU ?? mod.default?.GPU;
    if (GPU === undefined) throw new Error('the module has no GPU export');
    return GPU;
  } catch (e) {
    throw new Error(
      `gpujs: could not load the optional peer dependency gpu.js; install it with \`npm i gpu.js\` ` +
        `(${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

/** Why gpu.js says `mode` cannot run here, or null when it says it can. */
function unavailableReason(GPU: typeof GPUClass, mode: GpuJsMode): string | null {
  switch (mode) {
    case 'gpu': {
      if (GPU.isHeadlessGLSupported || GPU.isWebGL2Supported || GPU.isWebGLSupported) return null;
      const probe = nodeHeadlessGlProbe(GPU);
      // A browser has no headless-gl; in Node, say which of its three failures it was.
      return probe.platform === 'browser'
        ? 'no WebGL2 or WebGL context can be created here'
        : `no WebGL context outside a browser, and ${headlessGlReason(probe)}`;
    }
    case 'headlessgl':
      return GPU.isHeadlessGLSupported ? null : headlessGlReason(nodeHeadlessGlProbe(GPU));
    case 'webgl2':
      return GPU.isWebGL2Supported ? null : 'no WebGL2 context can be created here';
    case 'webgl':
      return GPU.isWebGLSupported ? null : 'no WebGL context can be created here';
    case 'webasm':
      return GPU.isWebAssemblySupported ? null : 'WebAssembly is not available';
    case 'cpu':
      return null;
  }
}

/**
 * Runs a tiny pipelined kernel and checks its values and the kernel class gpu.js really used
 * (gpu.js may quietly fall back to its CPU kernel). Returns the resolved mode.
 */
function probe(gpu: GPUClass, mode: GpuJsMode): DeviceMode {
  const kernel = gpu.createKernel('function(a) { return a[this.thread.x] * 2; }', {
    output: [2],
    pipeline: true,
    immutable: true,
  });
  const out = kernel(Float32Array.from([1, 2])) as unknown as Float32Array | Texture;
  const values = out instanceof Float32Array ? out : (out.toArray() as Float32Array);
  if (values[0] !== 2 || values[1] !== 4) {
    throw new Error(`a test kernel returned [${Array.from(values).join(', ')}] instead of [2, 4]`);
  }
  const ran = kernelMode(kernel.kernel);
  if (!out || !(out instanceof Float32Array)) out.delete();
  kernel.destroy();
  if (mode !== 'gpu' && ran !== mode) {
    throw new Error(`gpu.js ran a test kernel in '${String(ran)}' mode instead`);
  }
  if (mode === 'gpu' && ran !== 'headlessgl' && ran !== 'webgl2' && ran !== 'webgl') {
    throw new Error(`gpu.js chose '${String(ran)}', not a GL context`);
  }
  return ran as DeviceMode;
}

/**
 * The mode of a compiled gpu.js kernel. Every GL kernel class reports the static mode `'gpu'`,
 * so the GL flavour is told by its context: browsers' WebGL2/WebGL contexts are instances of
 * their globals, and a GL context outside them can only be headless-gl's.
 */
function kernelMode(kernel: unknown): string | undefined {
  const ran = (kernel as { constructor: { mode?: string } }).constructor.mode;
  if (ran !== 'gpu') return ran;
  const context = (kernel as { context?: unknown }).context;
  const global = globalThis as {
    WebGL2RenderingContext?: Function;
    WebGLRenderingContext?: Function;
  };
  if (
    global.WebGL2RenderingContext !== undefined &&
    context instanceof global.WebGL2RenderingContext
  ) {
    return 'webgl2';
  }
  if (
    global.WebGLRenderingContext !== undefined &&
    context instanceof global.WebGLRenderingContext
  ) {
    return 'webgl';
  }
  return 'headlessgl';
}
