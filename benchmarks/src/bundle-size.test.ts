import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The size check (bundle-size.mjs --check, run by .ci/size-check.sh on the built packages) and
// the `sideEffects` fields it depends on. The bundles here come from the workspace sources, with
// each package's `sideEffects` applied as a bundler applies it, so they run without a build.
interface Measured {
  gzip: number;
  packages: Record<string, number>;
  error?: string;
}
interface CheckRow {
  name: string;
  gzip?: number;
  budget?: number;
  headroom?: number;
  problem: string;
}
interface CheckResult {
  rows: CheckRow[];
  ok: boolean;
}
interface BundleSize {
  allApps: Record<string, string>;
  budgetsFile: string;
  budgetFor(gzip: number): number;
  checkBudgets(
    measured: Record<string, Partial<Measured>>,
    budgets: Record<string, number>,
  ): CheckResult;
  formatCheck(result: CheckResult): string;
  bundle(source: string): Promise<{ code: Uint8Array; metafile: unknown }>;
  measure(source: string): Promise<Measured & { cpuModules: string[] }>;
}
const script = new URL('./bundle-size.mjs', import.meta.url).href;
const load = async () => (await import(/* @vite-ignore */ script)) as BundleSize;

/** Bundles `source` for browsers from the sources and runs it: its `result` export. */
async function run(source: string): Promise<unknown> {
  const { bundle } = await load();
  const { code } = await bundle(source);
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  return ((await import(/* @vite-ignore */ url)) as { result: unknown }).result;
}

describe('size budgets', () => {
  it('are 3% above the size, rounded up to 100 B', async () => {
    const { budgetFor } = await load();
    expect([26486, 44449, 1515, 100, 0].map(budgetFor)).toEqual([27300, 45800, 1600, 200, 0]);
  });

  it('fail an app over its budget, without one, unknown to the check, or not bundled', async () => {
    const { checkBudgets, formatCheck } = await load();
    const budgets = { within: 1000, exact: 500, over: 900, gone: 100, broken: 100 };
    const result = checkBudgets(
      {
        within: { gzip: 950 },
        exact: { gzip: 500 },
        over: { gzip: 901 },
        unbudgeted: { gzip: 10 },
        broken: { error: 'Could not resolve "fs"' },
      },
      budgets,
    );
    expect(result.ok).toBe(false);
    expect(result.rows.map((r) => [r.name, r.headroom, r.problem])).toEqual([
      ['within', 50, ''],
      ['exact', 0, ''],
      ['over', -1, 'over budget'],
      ['unbudgeted', undefined, 'no budget in benchmarks/size-budgets.json'],
      ['broken', undefined, 'failed to bundle: Could not resolve "fs"'],
      ['gone', undefined, 'no such app'],
    ]);
    expect(formatCheck(result).split('\n').slice(0, 5)).toEqual([
      '| entry | gzip bytes | budget | headroom |',
      '| --- | ---: | ---: | ---: |',
      '| within | 950 | 1,000 | 50 (5.0%) |',
      '| exact | 500 | 500 | 0 (0.0%) |',
      '| over | 901 | 900 | -1 (-0.1%) **over budget** |',
    ]);
    expect(checkBudgets({ within: { gzip: 950 } }, { within: 1000 }).ok).toBe(true);
  });

  it('name every app the check measures, and only those', async () => {
    const { allApps, budgetsFile } = await load();
    const { budgets } = JSON.parse(
      readFileSync(new URL(`../../${budgetsFile}`, import.meta.url), 'utf8'),
    ) as { budgets: Record<string, number> };
    expect(Object.keys(budgets).sort()).toEqual(Object.keys(allApps).sort());
    // Each published entry point imported whole, and the two apps.
    for (const app of [
      '@torchlet/tensor (whole)',
      '@torchlet/tensor/testing (whole)',
      '@torchlet/tensor/cpu-wasm (whole)',
      'torchlet (whole)',
      'randn + matmul',
      'tutorial training loop',
    ]) {
      expect(budgets[app]).toBeGreaterThan(0);
    }
  });
});

describe('sideEffects, as a bundler applies them', () => {
  it("keep autograd's engine when an app imports only tensor ops from the umbrella", async () => {
    // torchlet's index is declared side-effectful: without it, a bundler that resolves
    // `tensor` straight to @torchlet/tensor drops the umbrella and its import of autograd.
    const result = await run(`
      import { tensor } from 'torchlet';
      const x = tensor(2, { requiresGrad: true });
      x.pow(2).mul(3).backward();
      export const result = x.grad.item();
    `);
    expect(result).toBe(12);
  });

  it("keep a bare import '@torchlet/autograd', which attaches the engine", async () => {
    const result = await run(`
      import '@torchlet/autograd';
      import { tensor } from '@torchlet/tensor';
      const x = tensor([1, -2, 3], { requiresGrad: true });
      x.mul(x).sum().backward();
      export const result = x.grad.toArray();
    `);
    expect(result).toEqual([2, -4, 6]);
  });

  it('drop the other exports of a package: relu alone carries no gelu and no autograd', async () => {
    const { bundle } = await load();
    const { metafile } = (await bundle(`
      import { relu } from '@torchlet/activations';
      console.log(relu);
    `)) as {
      metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    };
    const [output] = Object.values(metafile.outputs);
    const carried = Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path)
      .filter((path) => !path.startsWith('packages/tensor/'));
    expect(carried.sort()).toEqual(['app.ts', 'packages/activations/src/relu.ts']);
  });
});
