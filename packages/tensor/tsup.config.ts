import { defineConfig, type Options } from 'tsup';
import { browserVariants } from './scripts/browser-variants.mjs';

const common: Options = {
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'cpu-wasm/index': 'src/cpu/wasm/index.ts',
  },
  format: ['esm', 'cjs'],
  // Shared chunks in CJS too, so each entry sees the same module state (the default backend,
  // the wasm instance, the thread pool) instead of a copy of its own.
  splitting: true,
  // tsconfig.build.json drops the workspace's source `paths`: declarations then import sibling
  // packages through node_modules (their built .d.ts) and keep them external.
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  target: 'es2022',
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
