import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // tsconfig.build.json drops the workspace's source `paths`: declarations then import sibling
  // packages through node_modules (their built .d.ts) and keep them external.
  tsconfig: 'tsconfig.build.json',
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
