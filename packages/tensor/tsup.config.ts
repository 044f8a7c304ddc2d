import { defineConfig, type Options } from 'tsup';
import { browserVariants } from './scripts/browser-variants.mjs';

const common: Options = {
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'cpu-wasm/index': 'src/cpu/wasm/index.ts',
  },
  // ESM only: Node >= 20.19 / 22.12 require()s it, so a CommonJS caller and an ESM caller share
  // one module instance. Shared chunks (esbuild's default for ESM) give the three entries one
  // copy of the module state: `Tensor`, the default backend, the wasm instance, the thread pool.
  format: ['esm'],
  splitting: true,
  // tsconfig.build.json drops the workspace's source `paths`: declarations then import sibling
  // packages through node_modules (their built .d.ts) and keep them external.
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  target: 'es2022',
  // Keep `node:fs` as written: bare `fs` makes browser bundlers look for a package of that name.
  removeNodeProtocol: false,
};

// Two builds of the same entries, told apart by the `node` export condition. dist/node/ is the
// sources as they are: the default CPU backend runs on the WebAssembly SIMD gemm and worker
// threads. dist/ (browsers and every other runtime) resolves the `*.browser.ts` variants, so it
// wires no WebAssembly or worker code into the default backend; `@torchlet/tensor/cpu-wasm`
// adds the single-threaded wasm kernels where an app imports it. Both share dist/'s .d.ts.
export default defineConfig([
  { ...common, outDir: 'dist', dts: true, clean: ['!node/**'], esbuildPlugins: [browserVariants] },
  { ...common, outDir: 'dist/node', clean: true },
]);
