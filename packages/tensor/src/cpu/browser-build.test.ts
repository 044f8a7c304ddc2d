import { describe, expect, it } from 'vitest';

// Browser apps bundled from the workspace sources as `pnpm size` bundles them (esbuild,
// platform browser, the package's browser variants applied).
interface Measured {
  webAssembly: boolean;
  workerCode: boolean;
  cpuModules: string[];
}
interface BundleSize {
  apps: Record<string, string>;
  bundle(source: string): Promise<{ code: Uint8Array }>;
  measure(source: string): Promise<Measured>;
}
const script = new URL('../../../../benchmarks/src/bundle-size.mjs', import.meta.url).href;
const load = async () => (await import(/* @vite-ignore */ script)) as BundleSize;

describe('browser bundles', () => {
  it('of randn only, and of a gpu.js app, carry no WebAssembly and no worker code', async () => {
    const { apps, measure } = await load();
    for (const app of ['randn only', 'randn + matmul', 'gpu.js only', 'tutorial training loop']) {
      const m = await measure(apps[app]);
      expect({ app, webAssembly: m.webAssembly, workerCode: m.workerCode }).toEqual({
        app,
        webAssembly: false,
        workerCode: false,
      });
      expect(m.cpuModules.filter((path) => path.startsWith('wasm/'))).toEqual([]);
    }
  });

  it('that import @torchlet/tensor/cpu-wasm carry the wasm gemm but no worker code', async () => {
    const { apps, measure } = await load();
    const m = await measure(apps['randn + matmul on cpu-wasm']);
    expect(m.webAssembly).toBe(true);
    expect(m.workerCode).toBe(false);
    expect(m.cpuModules).toContain('wasm/cpu-wasm.browser.ts');
    expect(m.cpuModules).not.toContain('wasm/gemm-thread-pool.ts');
  });

  it('run: TypeScript by default, cpuWasm on one thread when passed, { wasm: true } refused', async () => {
    const { bundle } = await load();
    const { code } = await bundle(`
      import { cpuBackend, createCpuBackend, getDefaultBackend, getNumThreads, tensor } from '@torchlet/tensor';
      import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
      const a = [[1, 2, 3], [4, 5, 6]];
      const b = [[1, 0], [0, 1], [2, -1]];
      const wasm = createCpuBackend({ wasm: cpuWasm });
      let refused = '';
      try {
        createCpuBackend({ wasm: true });
      } catch (e) {
        refused = e.message;
      }
      export const result = {
        defaultIsCpu: getDefaultBackend() === cpuBackend,
        threads: getNumThreads(),
        accelerator: cpuWasm.name,
        ownDevice: wasm !== cpuBackend,
        typescript: tensor(a).matmul(tensor(b)).toArray(),
        onWasm: tensor(a, { backend: wasm }).matmul(tensor(b, { backend: wasm })).toArray(),
        // 1e8 + 1 - 1e8: 1 in the TypeScript gemm's float64 sum, 0 in the wasm kernel's float32 one.
        sums: [cpuBackend, wasm].map((backend) =>
          tensor([[1e8, 1, -1e8]], { backend }).matmul(tensor([[1], [1], [1]], { backend })).item(),
        ),
        refused,
      };
    `);
    const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
    const { result } = (await import(/* @vite-ignore */ url)) as { result: unknown };
    expect(result).toEqual({
      defaultIsCpu: true,
      threads: 1,
      accelerator: 'wasm',
      ownDevice: true,
      typescript: [
        [7, -1],
        [16, -1],
      ],
      onWasm: [
        [7, -1],
        [16, -1],
      ],
      sums: [1, 0],
      refused: expect.stringMatching(
        /createCpuBackend: .*browser build.*import \{ cpuWasm \} from '@torchlet\/tensor\/cpu-wasm'/,
      ),
    });
  });
});
