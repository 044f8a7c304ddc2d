import { GPU } from 'gpu.js';
import { describe, expect, it, vi } from 'vitest';
import { gpujs } from './gpujs';
import type { GpuJsMode } from './gpujs-mode';

/** Collects the warnings of one factory call. */
function warnings(): { messages: string[]; onWarning: (m: string) => void } {
  const messages: string[] = [];
  return { messages, onWarning: (m) => messages.push(m) };
}

// With `gl` built and a display (CI's headless-gl run, see headlessgl.test.ts), 'gpu' and
// 'headlessgl' find a context: the fallbacks from them are only checked where they cannot.
const headless = GPU.isHeadlessGLSupported;

describe('gpujs(): choosing a mode', () => {
  it.skipIf(headless)('what gpu.js 2.24.1 reports in this Node build without headless-gl', () => {
    expect(GPU.isHeadlessGLSupported).toBe(false);
    expect(GPU.isWebGL2Supported).toBe(false);
    expect(GPU.isWebGLSupported).toBe(false);
    expect(GPU.isWebAssemblySupported).toBe(true);
    expect(GPU.isWebGPUSupported).toBe(false);
    // Left to itself, gpu.js's 'gpu' mode quietly runs webasm, and a named GL mode throws.
    expect(new GPU({ mode: 'gpu' }).Kernel).toHaveProperty('mode', 'webasm');
    expect(() => new GPU({ mode: 'headlessgl' })).toThrow('not supported');
  });

  const unavailable = headless
    ? (['webgl2', 'webgl'] as const)
    : (['gpu', 'headlessgl', 'webgl2', 'webgl'] as const);
  for (const mode of unavailable) {
    it(`'${mode}' falls back to 'webasm' with one warning naming it`, async () => {
      const w = warnings();
      const backend = await gpujs({ mode, onWarning: w.onWarning });
      expect(backend.mode).toBe('webasm');
      expect(w.messages).toHaveLength(1);
      expect(w.messages[0]).toMatch(
        new RegExp(
          `^@torchlet/backend-gpujs: '${mode}' is unavailable \\(.+\\); falling back to 'webasm' \\(kernels run on the CPU as WebAssembly`,
        ),
      );
      backend.destroy();
    });
  }

  it.skipIf(headless)('the headless-gl warning says what is missing', async () => {
    const w = warnings();
    await gpujs({ mode: 'headlessgl', onWarning: w.onWarning });
    expect(w.messages[0]).toContain('the optional native package `gl`');
  });

  it.skipIf(headless)('warns through console.warn by default, once', async () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await gpujs();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][0]).toContain("falling back to 'webasm'");
    } finally {
      spy.mockRestore();
    }
  });

  it("'webasm' and 'cpu' run as asked, without a warning", async () => {
    for (const mode of ['webasm', 'cpu'] as const) {
      const w = warnings();
      const backend = await gpujs({ mode, onWarning: w.onWarning });
      expect(backend.mode).toBe(mode);
      expect(w.messages).toEqual([]);
    }
  });

  it.runIf(headless)(
    "'gpu' resolves to headless-gl when it is built, without a warning",
    async () => {
      const w = warnings();
      const backend = await gpujs({ mode: 'gpu', onWarning: w.onWarning });
      expect(backend.mode).toBe('headlessgl');
      expect(w.messages).toEqual([]);
      backend.destroy();
    },
  );

  it.skipIf(headless)(
    "falls back to 'cpu' when WebAssembly is missing too, still with one warning",
    async () => {
      class NoWasm extends GPU {
        static override get isWebAssemblySupported(): boolean {
          return false;
        }
      }
      const w = warnings();
      const backend = await gpujs({ mode: 'gpu', GPU: NoWasm, onWarning: w.onWarning });
      expect(backend.mode).toBe('cpu');
      expect(w.messages).toHaveLength(1);
      expect(w.messages[0]).toContain("'webasm' is unavailable (WebAssembly is not available)");
      expect(w.messages[0]).toContain("falling back to 'cpu'");
    },
  );

  it.skipIf(headless)('skips a mode that claims support but cannot run a kernel', async () => {
    class BrokenGL extends GPU {
      static override get isHeadlessGLSupported(): boolean {
        return true;
      }
    }
    const w = warnings();
    const backend = await gpujs({ mode: 'headlessgl', GPU: BrokenGL, onWarning: w.onWarning });
    expect(backend.mode).toBe('webasm');
    expect(w.messages[0]).toMatch(
      /^@torchlet\/backend-gpujs: 'headlessgl' failed \(.+\); falling back to 'webasm'/,
    );
  });

  it('refuses webgpu, async and dev, whose kernels do not fit a synchronous backend', async () => {
    for (const mode of ['webgpu', 'async', 'dev']) {
      await expect(gpujs({ mode: mode as GpuJsMode })).rejects.toThrow(
        `gpujs: mode '${mode}' is not supported`,
      );
    }
  });
});
