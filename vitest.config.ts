import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against sources: each workspace package name maps to its src/index.ts.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
// Subpath entries come first, so the more specific alias wins.
const alias = [
  {
    find: /^@torchlet\/tensor\/testing$/,
    replacement: `${packagesDir}tensor/src/testing/index.ts`,
  },
  {
    find: /^@torchlet\/tensor\/cpu-wasm$/,
    replacement: `${packagesDir}tensor/src/cpu/wasm/index.ts`,
  },
  ...readdirSync(packagesDir).map((folder) => ({
    find: new RegExp(`^${folder === 'torchlet' ? 'torchlet' : `@torchlet/${folder}`}$`),
    replacement: `${packagesDir}${folder}/src/index.ts`,
  })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'examples/*/**/*.test.ts',
      'benchmarks/src/**/*.test.ts',
    ],
    testTimeout: 60_000,
  },
});
