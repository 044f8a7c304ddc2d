import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  // ESM only: Node >= 20.19 / 22.12 require()s it, so a CommonJS caller and an ESM caller
  // share one module instance (one Tensor class, one generator, one gradient engine).
  format: ['esm'],
  // tsconfig.build.json drops the workspace's source `paths`: declarations then import sibling
  // packages through node_modules (their built .d.ts) and keep them external.
  tsconfig: 'tsconfig.build.json',
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Keep `node:fs` as written: bare `fs` makes browser bundlers look for a package of that name.
  removeNodeProtocol: false,
});
