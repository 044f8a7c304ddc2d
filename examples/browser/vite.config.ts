import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page imports the workspace packages' TypeScript sources, so it needs no `pnpm build`:
// each package's name (read from its package.json) maps to its src/index.ts.
const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));
const alias = readdirSync(packagesDir).map((folder) => {
  const { name } = JSON.parse(readFileSync(`${packagesDir}${folder}/package.json`, 'utf8')) as {
    name: string;
  };
  return { find: new RegExp(`^${name}$`), replacement: `${packagesDir}${folder}/src/index.ts` };
});

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias },
  // Unminified, so gpu.js's kernel class names (shown on the page) survive the build.
  // Two pages: the article's network (index.html) and the character GPT (gpt.html).
  build: {
    minify: false,
    emptyOutDir: true,
    rolldownOptions: {
      input: { index: `${root}index.html`, gpt: `${root}gpt.html` },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
