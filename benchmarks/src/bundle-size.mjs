#!/usr/bin/env node
// Bundle sizes of small browser apps, and the size budgets CI holds them to. `pnpm size` from the
// repo root.
//
//   node benchmarks/src/bundle-size.mjs              # the apps from the workspace sources
//   node benchmarks/src/bundle-size.mjs --dist       # every app, from the built packages (dist/)
//   node benchmarks/src/bundle-size.mjs --check      # --dist, against benchmarks/size-budgets.json
//   node benchmarks/src/bundle-size.mjs --write-budgets  # --dist; budgets = size + 3%, rounded
//                                                        # up to 100 B (after a reviewed change)
//   --json prints the measurements as JSON instead of tables.
//
// Each app is bundled by esbuild (the copy tsup depends on) with platform browser, format esm,
// minify on; gzip is zlib at level 9. gpu.js is external, so its rows are torchlet's part only,
// and so are Node's built-in modules (train-loop's file checkpoints import `fs` and `path` at run
// time, in Node only), as Vite leaves them for a browser build.
//
// From the sources, every workspace package is read from its TypeScript sources, with the
// package's `sideEffects` applied to its entry as a bundler applies it to the published one, and
// tensor's browser variants applied (packages/tensor/scripts/browser-variants.mjs, as its
// non-Node build does); this lists the modules of tensor's CPU backend (src/cpu) each app
// carries. From dist (what users install; run `pnpm build` first), each package resolves through
// its package.json `exports` with the browser conditions, as in an app's node_modules, and each
// app lists how many bytes of each package it carries. The budgets are for dist.
//
// The apps: every published entry point imported whole (`import * as` and used), the tutorial's
// training loop and a few smaller apps, and one export of each package on its own, which shows
// what tree-shaking leaves of that package.
import { builtinModules, createRequire } from 'node:module';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserVariants } from '../../packages/tensor/scripts/browser-variants.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve('tsup'))('esbuild');
/** Where the budgets live, relative to the repo root. */
export const budgetsFile = 'benchmarks/size-budgets.json';

/** The apps of the original table: name → source. Each prints what it computes (no dead code). */
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
  // The tutorial's loop (Net with Linear, LayerNorm and GELU; crossEntropy, AdamW,
  // clipGradNorm), imported from the packages as the tutorial does.
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

/** Every published entry point (each package's `.` and tensor's subpaths), in a stable order. */
export const entryPoints = [...sources.keys()].sort();

/** Each published entry point imported whole: `import * as` and used, so nothing is shaken off. */
export const entryApps = Object.fromEntries(
  entryPoints.map((entry) => [
    `${entry} (whole)`,
    `import * as entry from '${entry}';\nconsole.log(entry);`,
  ]),
);

/**
 * One export of each package, alone: what tree-shaking leaves of the package. A well-shaken
 * package contributes that export and what it calls, and nothing of its other exports (relu
 * carries no gelu kernel, mseLoss no cross-entropy kernel).
 */
export const singleImports = {
  '@torchlet/tensor': 'tensor',
  '@torchlet/autograd': 'noGrad',
  '@torchlet/activations': 'relu',
  '@torchlet/layers': 'Linear',
  '@torchlet/losses': 'mseLoss',
  '@torchlet/optim': 'SGD',
  '@torchlet/schedulers': 'cosineAnnealing',
  '@torchlet/train-loop': 'formatDuration',
  torchlet: 'tensor',
};
export const singleImportApps = Object.fromEntries(
  Object.entries(singleImports).map(([entry, name]) => [
    `{ ${name} } from ${entry}`,
    `import { ${name} } from '${entry}';\nconsole.log(${name});`,
  ]),
);

/** Every app the check measures: name → source. */
export const allApps = { ...entryApps, ...apps, ...singleImportApps };

/** Whether `file` (relative to its package folder) matches a package.json sideEffects field. */
function hasSideEffects(field, file) {
  if (field === undefined || field === true) return true;
  if (field === false) return false;
  // The packages list exact paths; a glob would need a matcher here, not a silent mismatch.
  const glob = field.find((pattern) => /[*?{[]/.test(pattern));
  if (glob !== undefined) throw new Error(`bundle-size: sideEffects glob ${glob} is not supported`);
  return field.some((pattern) => pattern.replace(/^\.\//, '') === file);
}

const sourcesPlugin = {
  name: 'torchlet-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^(@torchlet\/|torchlet$)/ }, (args) => {
      const source = sources.get(args.path);
      if (source === undefined || !existsSync(`${root}${source}`)) {
        return { errors: [{ text: `no workspace source for ${args.path}` }] };
      }
      // A plugin's result carries no package.json sideEffects; give the entry its package's.
      const [, folder, ...rest] = source.split('/');
      const { sideEffects } = JSON.parse(
        readFileSync(`${root}packages/${folder}/package.json`, 'utf8'),
      );
      return { path: `${root}${source}`, sideEffects: hasSideEffects(sideEffects, rest.join('/')) };
    });
  },
};

/**
 * A node_modules folder in a temporary directory with a link to each workspace package, as an
 * app that installed them has; a bundle resolved from it reads each package's package.json
 * (`exports`, `sideEffects`) and its dist/. Removed at exit.
 */
let installedDir;
function installedPackages() {
  if (installedDir !== undefined) return installedDir;
  installedDir = mkdtempSync(join(tmpdir(), 'torchlet-size-'));
  process.on('exit', () => rmSync(installedDir, { recursive: true, force: true }));
  for (const folder of readdirSync(`${root}packages`)) {
    const { name } = JSON.parse(readFileSync(`${root}packages/${folder}/package.json`, 'utf8'));
    const link = join(installedDir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(`${root}packages/${folder}`, link, 'dir');
  }
  return installedDir;
}

/**
 * Bundles one app as a browser app (see the top of this file): its code and esbuild's metafile.
 * `from`: `'sources'` (the default) or `'dist'`.
 */
export async function bundle(source, { from = 'sources' } = {}) {
  const fromDist = from === 'dist';
  const result = await esbuild.build({
    stdin: {
      contents: source,
      resolveDir: fromDist ? installedPackages() : root,
      sourcefile: 'app.ts',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['gpu.js', 'node:*', ...builtinModules],
    // From dist, no tsconfig.json: the workspace's `paths` would send the built packages'
    // imports of each other back to the sources.
    ...(fromDist ? { tsconfigRaw: '{}' } : {}),
    plugins: fromDist ? [] : [sourcesPlugin, browserVariants],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0].contents, metafile: result.metafile };
}

/** `packages/<folder>/…` → the package's folder, or undefined for files outside packages/. */
function packageFolder(path) {
  const match = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  return match?.[1];
}

/**
 * Bundles one app: minified and gzip bytes; the src/cpu modules it carries (from the sources)
 * and the bytes of each package's code it carries (package folder → minified bytes); whether
 * its output holds WebAssembly (`WebAssembly.`) or Node worker code (`worker_threads`).
 */
export async function measure(source, options) {
  const { code, metafile } = await bundle(source, options);
  const text = new TextDecoder().decode(code);
  // Modules esbuild read but tree-shook away entirely have no bytes in the output.
  const [output] = Object.values(metafile.outputs);
  const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0);
  const cpuModules = inputs
    .map(([path]) => relative(`${root}packages/tensor/src/cpu`, `${root}${path}`))
    .filter((path) => !path.startsWith('..'))
    .sort();
  const packages = {};
  for (const [path, input] of inputs) {
    const folder = packageFolder(path);
    if (folder !== undefined) packages[folder] = (packages[folder] ?? 0) + input.bytesInOutput;
  }
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    webAssembly: text.includes('WebAssembly.'),
    workerCode: text.includes('worker_threads'),
    cpuModules,
    packages,
  };
}

/** A budget for `gzip` bytes: 3% above, rounded up to a multiple of 100 B. */
export function budgetFor(gzip) {
  return Math.ceil((gzip * 1.03) / 100) * 100;
}

/**
 * Compares measurements with budgets: one row per app, and whether it passes (a measured size
 * within its budget; an app without a budget, a budget without an app, and an app that failed
 * to bundle all fail).
 */
export function checkBudgets(measured, budgets) {
  const rows = Object.entries(measured).map(([name, m]) => {
    const budget = budgets[name];
    if (m.error !== undefined) return { name, budget, problem: `failed to bundle: ${m.error}` };
    if (budget === undefined) return { name, gzip: m.gzip, problem: `no budget in ${budgetsFile}` };
    const headroom = budget - m.gzip;
    return { name, gzip: m.gzip, budget, headroom, problem: headroom < 0 ? 'over budget' : '' };
  });
  for (const name of Object.keys(budgets)) {
    if (!(name in measured)) rows.push({ name, budget: budgets[name], problem: 'no such app' });
  }
  return { rows, ok: rows.every((row) => row.problem === '') };
}

const bytes = (n) => (n === undefined ? '—' : n.toLocaleString('en'));
const kib = (n) => `${(n / 1024).toFixed(1)}k`;

/** The check's table: entry | gzip | budget | headroom, with a reason on every failing row. */
export function formatCheck({ rows }) {
  const lines = ['| entry | gzip bytes | budget | headroom |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows) {
    const headroom =
      r.headroom === undefined
        ? r.problem
        : `${bytes(r.headroom)} (${((100 * r.headroom) / r.budget).toFixed(1)}%)` +
          (r.problem === '' ? '' : ` **${r.problem}**`);
    lines.push(`| ${r.name} | ${bytes(r.gzip)} | ${bytes(r.budget)} | ${headroom} |`);
  }
  return lines.join('\n');
}

async function measureAll(selected, options) {
  const rows = {};
  for (const [name, source] of Object.entries(selected)) {
    try {
      rows[name] = await measure(source, options);
    } catch (error) {
      rows[name] = { error: error.errors?.[0]?.text ?? String(error) };
    }
  }
  return rows;
}

function printSizes(rows, fromDist) {
  const yes = (flag) => (flag ? 'yes' : 'no');
  console.log('| app | minified bytes | gzip bytes (level 9) | WebAssembly | worker code |');
  console.log('| --- | ---: | ---: | :-: | :-: |');
  for (const [name, r] of Object.entries(rows)) {
    if (r.error !== undefined) console.log(`| ${name} | — | — | — | — |`);
    else
      console.log(
        `| ${name} | ${bytes(r.minified)} | ${bytes(r.gzip)} | ${yes(r.webAssembly)} | ${yes(r.workerCode)} |`,
      );
  }
  printContents(rows, fromDist);
}

/** What each app carries: each package's minified bytes, and from the sources tensor's src/cpu. */
function printContents(rows, fromDist) {
  console.log('\nMinified bytes of each package in each bundle:');
  for (const [name, r] of Object.entries(rows)) {
    const carried = Object.entries(r.packages ?? {})
      .sort(([, a], [, b]) => b - a)
      .map(([folder, n]) => `${folder} ${kib(n)}`)
      .join(', ');
    console.log(`- ${name}: ${r.error ?? carried}`);
    if (!fromDist && r.error === undefined) console.log(`  src/cpu/ ${r.cpuModules.join(', ')}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const known = ['--dist', '--check', '--write-budgets', '--json'];
  const unknown = args.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) {
    console.error(`bundle-size: unknown option ${unknown.join(' ')}; known: ${known.join(' ')}`);
    process.exit(2);
  }
  const check = args.includes('--check');
  const write = args.includes('--write-budgets');
  const fromDist = check || write || args.includes('--dist');
  if (fromDist && !existsSync(`${root}packages/tensor/dist`)) {
    console.error('bundle-size: packages/tensor/dist is missing; run `pnpm build` first');
    process.exit(1);
  }
  const rows = await measureAll(fromDist ? allApps : apps, { from: fromDist ? 'dist' : 'sources' });
  const path = `${root}${budgetsFile}`;

  if (write) {
    const failed = Object.entries(rows).filter(([, r]) => r.error !== undefined);
    if (failed.length > 0) {
      for (const [name, r] of failed) console.error(`bundle-size: ${name}: ${r.error}`);
      process.exit(1);
    }
    const previous = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    const budgets = Object.fromEntries(
      Object.entries(rows).map(([name, r]) => [name, budgetFor(r.gzip)]),
    );
    writeFileSync(path, `${JSON.stringify({ ...previous, budgets }, null, 2)}\n`);
    console.log(`bundle-size: wrote ${Object.keys(budgets).length} budgets to ${budgetsFile}`);
  } else if (check) {
    const { budgets } = JSON.parse(readFileSync(path, 'utf8'));
    const result = checkBudgets(rows, budgets);
    if (args.includes('--json'))
      console.log(JSON.stringify({ ...result, measured: rows }, null, 2));
    else {
      console.log(formatCheck(result));
      printContents(rows, true);
    }
    if (!result.ok) {
      const failing = result.rows.filter((r) => r.problem !== '').map((r) => r.name);
      console.error(
        `\nbundle-size: ${failing.length} over budget or unchecked: ${failing.join('; ')}.` +
          ` Shrink the bundle, or, for a growth that is worth it, raise its budget in ${budgetsFile}` +
          ' (node benchmarks/src/bundle-size.mjs --write-budgets) and say why in the change.',
      );
      process.exit(1);
    }
  } else if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    printSizes(rows, fromDist);
  }
}
