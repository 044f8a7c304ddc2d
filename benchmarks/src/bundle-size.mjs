#!/usr/bin/env node
// Bundle sizes of small browser apps built from the workspace sources, and which modules of
// @torchlet/tensor's CPU backend (src/cpu) each one carries. `pnpm size` from the repo root.
//
//   node benchmarks/src/bundle-size.mjs          # Markdown table, then the src/cpu modules per app
//   node benchmarks/src/bundle-size.mjs --json   # the same as JSON
//
// Each app is bundled by esbuild (the copy tsup depends on) with platform browser, format esm,
// minify on, every workspace package read from its TypeScript sources and the package's browser
// variants applied (packages/tensor/scripts/browser-variants.mjs, as its non-Node build does).
// gpu.js is external, so the gpu.js app measures torchlet's part only. The training loop is the
// tutorial's (Net with Linear, LayerNorm and GELU; crossEntropy, AdamW, clipGradNorm) imported
// from the packages, since the umbrella also re-exports train-loop's Node-only checkpoint code.
// gzip: zlib, level 9.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserVariants } from '../../packages/tensor/scripts/browser-variants.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve('tsup'))('esbuild');

/** The apps: name → source. Each prints something, so nothing it computes is dead code. */
export const apps = {
  'randn only': `
    import { randn } from '@torchlet/tensor';
    console.log(randn([2, 3]).toArray());
  `,
  'randn + matmul': `
    import { matmul, randn } from '@torchlet/tensor';
    console.log(matmul(randn([64, 64]), randn([64, 64])).toArray());
  `,
  'randn + matmul on cpu-wasm': `
    import { createCpuBackend, matmul, randn, setDefaultBackend } from '@torchlet/tensor';
    import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
    setDefaultBackend(createCpuBackend({ wasm: cpuWasm }));
    console.log(matmul(randn([64, 64]), randn([64, 64])).toArray());
  `,
  'gpu.js only': `
    import { gpujs } from '@torchlet/backend-gpujs';
    import { add, matmul, randn, setDefaultBackend } from '@torchlet/tensor';
    setDefaultBackend(await gpujs({ mode: 'webgl2' }));
    const a = randn([64, 64]);
    console.log(await add(matmul(a, a), a).data());
  `,
  'tutorial training loop': `
    import '@torchlet/autograd';
    import { gelu } from '@torchlet/activations';
    import { LayerNorm, Linear, Module } from '@torchlet/layers';
    import { crossEntropy } from '@torchlet/losses';
    import { AdamW, clipGradNorm } from '@torchlet/optim';
    import { manualSeed, randint, randn } from '@torchlet/tensor';
    manualSeed(0);
    class Net extends Module {
      fc1 = new Linear(16, 64);
      fc2 = new Linear(64, 64);
      fc3 = new Linear(64, 4);
      ln1 = new LayerNorm(64);
      ln2 = new LayerNorm(64);
      forward(x) {
        x = gelu(this.ln1.forward(this.fc1.forward(x)));
        x = gelu(this.ln2.forward(this.fc2.forward(x)));
        return this.fc3.forward(x);
      }
    }
    const model = new Net();
    const optimizer = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
    const x = randn([256, 16]);
    const y = randint(0, 4, [256]);
    for (let step = 0; step < 10; step++) {
      const loss = crossEntropy(model.forward(x), y);
      optimizer.zeroGrad();
      loss.backward();
      clipGradNorm(model.parameters(), 1.0);
      optimizer.step();
      console.log(step, loss.item());
    }
  `,
};

/** Workspace package names and subpath entries → their TypeScript sources. */
function workspaceSources() {
  const sources = new Map([
    ['@torchlet/tensor/testing', 'packages/tensor/src/testing/index.ts'],
    ['@torchlet/tensor/cpu-wasm', 'packages/tensor/src/cpu/wasm/index.ts'],
  ]);
  for (const folder of readdirSync(`${root}packages`)) {
    const { name } = JSON.parse(readFileSync(`${root}packages/${folder}/package.json`, 'utf8'));
    sources.set(name, `packages/${folder}/src/index.ts`);
  }
  return sources;
}

const sources = workspaceSources();
const workspacePlugin = {
  name: 'torchlet-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^(@torchlet\/|torchlet$)/ }, (args) => {
      const source = sources.get(args.path);
      if (source === undefined || !existsSync(`${root}${source}`)) {
        return { errors: [{ text: `no workspace source for ${args.path}` }] };
      }
      return { path: `${root}${source}` };
    });
  },
};

/**
 * Bundles one app as a browser app (see the top of this file): its code and esbuild's metafile.
 */
export async function bundle(source) {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['gpu.js'],
    plugins: [workspacePlugin, browserVariants],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0].contents, metafile: result.metafile };
}

/**
 * Bundles one app: minified and gzip bytes, the src/cpu modules it carries, and whether its
 * output holds WebAssembly (`WebAssembly.`) or Node worker code (`worker_threads`).
 */
export async function measure(source) {
  const { code, metafile } = await bundle(source);
  const text = new TextDecoder().decode(code);
  // Modules esbuild read but tree-shook away entirely have no bytes in the output.
  const [output] = Object.values(metafile.outputs);
  const cpuModules = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path)
    .map((path) => relative(`${root}packages/tensor/src/cpu`, `${root}${path}`))
    .filter((path) => !path.startsWith('..'))
    .sort();
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    webAssembly: text.includes('WebAssembly.'),
    workerCode: text.includes('worker_threads'),
    cpuModules,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = {};
  for (const [name, source] of Object.entries(apps)) {
    try {
      rows[name] = await measure(source);
    } catch (error) {
      rows[name] = { error: error.errors?.[0]?.text ?? String(error) };
    }
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const yes = (flag) => (flag ? 'yes' : 'no');
    console.log('| app | minified bytes | gzip bytes (level 9) | WebAssembly | worker code |');
    console.log('| --- | ---: | ---: | :-: | :-: |');
    for (const [name, r] of Object.entries(rows)) {
      if (r.error !== undefined) console.log(`| ${name} | — | — | — | — |`);
      else
        console.log(
          `| ${name} | ${r.minified.toLocaleString('en')} | ${r.gzip.toLocaleString('en')} | ${yes(r.webAssembly)} | ${yes(r.workerCode)} |`,
        );
    }
    for (const [name, r] of Object.entries(rows)) {
      console.log(`\n${name}: ${r.error ?? `src/cpu/ ${r.cpuModules.join(', ')}`}`);
    }
  }
}
