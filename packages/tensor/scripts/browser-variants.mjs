// An esbuild plugin for the package's non-Node builds: a relative import of `./x` resolves to
// `./x.browser.ts` where that file exists beside `./x.ts`. Node and the workspace's tools
// (vitest, tsx, tsc) read `x.ts`; tsup's default-condition build and `pnpm size` read the
// browser file. Only `src/cpu/default-accelerator.ts` and `src/cpu/wasm/cpu-wasm.ts` have one:
// the wiring of WebAssembly and worker threads into the default CPU backend.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** @type {import('esbuild').Plugin} */
export const browserVariants = {
  name: 'torchlet-browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const variant = `${resolve(args.resolveDir, args.path)}.browser.ts`;
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};
