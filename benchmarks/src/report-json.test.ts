import { describe, expect, it } from 'vitest';
import { reportJson, type RunInfo } from './report-json';
import type { ReportRow } from './report-table';
import { rooflineDetail } from './roofline-detail';
import { parseRunArgs } from './run-args';
import type { Roofline } from './simd-roofline';
import { simdRooflineModule } from './simd-roofline-module';

const SUITES = ['matmul', 'train-step', 'memory', 'gpt'];

describe('parseRunArgs', () => {
  it('takes suites and --json <file> in any order', () => {
    expect(parseRunArgs([], SUITES)).toEqual({ suites: [] });
    expect(parseRunArgs(['--json', 'out.json', 'matmul'], SUITES)).toEqual({
      suites: ['matmul'],
      json: 'out.json',
    });
    expect(parseRunArgs(['matmul', 'gpt', '--json=/tmp/x.json'], SUITES)).toEqual({
      suites: ['matmul', 'gpt'],
      json: '/tmp/x.json',
    });
    expect(parseRunArgs(['memory'], SUITES)).toEqual({ suites: ['memory'] });
  });

  it('throws on an unknown option, a --json without its file or twice, an unknown suite', () => {
    expect(() => parseRunArgs(['--jsn', 'out.json'], SUITES)).toThrow(
      'unknown option --jsn; usage: pnpm bench [--json <file>] [suite...]',
    );
    expect(() => parseRunArgs(['-j', 'out.json'], SUITES)).toThrow('unknown option -j');
    expect(() => parseRunArgs(['matmul', '--json'], SUITES)).toThrow('--json needs a file name');
    expect(() => parseRunArgs(['--json', '--json', 'x'], SUITES)).toThrow(
      '--json needs a file name',
    );
    expect(() => parseRunArgs(['--json='], SUITES)).toThrow('--json needs a file name');
    expect(() => parseRunArgs(['--json', 'a', '--json=b'], SUITES)).toThrow('--json given twice');
    expect(() => parseRunArgs(['matmull', '--json', 'a'], SUITES)).toThrow(
      'unknown suite matmull; known: matmul, train-step, memory, gpt',
    );
  });
});

const ROOF: Roofline = {
  oneThread: 47.5,
  threads: 2,
  allThreads: 95,
  relaxedSimd: false,
  ms: 2600,
};

// Times chosen so each throughput is round: 2·512³ flops in 4 ms is 67.108864 GFLOP/s.
const ROWS: ReportRow[] = [
  {
    suite: 'matmul f32',
    case: 'A·B n=64',
    unit: 'GFLOP/s',
    work: 2 * 64 ** 3,
    torchlet: { ms: 0.0524288, faultsPerCall: 4 },
    roofline: { probe: ROOF, threads: 1 },
  },
  {
    suite: 'matmul f32',
    case: 'A·B n=512',
    unit: 'GFLOP/s',
    work: 2 * 512 ** 3,
    torchlet: { ms: 4, faultsPerCall: 89 },
    tfjsCpu: { ms: 400, faultsPerCall: 171 },
    tfjsWasm: { ms: 8, faultsPerCall: 1 },
    pytorch: { ms: 2, faultsPerCall: NaN },
    gpujs: { cpu: { call: { ms: 200, faultsPerCall: 0 }, read: { ms: 0.07, faultsPerCall: 0 } } },
    roofline: { probe: ROOF, threads: 2 },
    detail: 'first line\nsecond line',
  },
  {
    suite: 'memory',
    case: 'Net × 20,000',
    unit: 'steps/s',
    work: 20_000,
    torchlet: { ms: 10_000, faultsPerCall: NaN },
    detail: 'RSS within 0.2%',
  },
  // Cut by the time limit: no measurement at all.
  { suite: 'gpt', case: 'GPT', unit: 'tokens/s', work: 1024 },
];

const RUN: RunInfo = {
  machine: { cpu: 'AMD EPYC', cores: 2 },
  node: 'v20.20.2',
  date: '2026-12-06T10:00:00.000Z',
  pytorch: 'PyTorch 1.13.0a0 (Debian python3-torch), 1 thread, BLAS openblas-pthread/libblas.so.3.',
  timeLimitHit: true,
};

describe('reportJson', () => {
  // Through JSON, as the file has it.
  const report = JSON.parse(JSON.stringify(reportJson(ROWS, RUN)));

  it('carries the run and the roofline the matmul rows measured', () => {
    expect(report).toMatchObject({ ...RUN, roofline: ROOF });
    expect(report.rows.map((r: { case: string }) => r.case)).toEqual(ROWS.map((r) => r.case));
  });

  it('has every throughput, ratio and page-fault count as a number, null where missing', () => {
    const [small, row, memory, cut] = report.rows;
    expect(row).toMatchObject({ suite: 'matmul f32', case: 'A·B n=512', unit: 'GFLOP/s' });
    expect(row.throughput.torchlet).toBeCloseTo(67.108864, 9);
    expect(row.throughput.tfjsCpu).toBeCloseTo(0.67108864, 9);
    expect(row.throughput.tfjsWasm).toBeCloseTo(33.554432, 9);
    expect(row.throughput.pytorch).toBeCloseTo(134.217728, 9);
    expect(row.throughput.gpujs.cpu).toBeCloseTo(1.34217728, 9);
    expect(row.throughput.gpujs.webasm).toBeNull();
    expect(row.throughput.gpujs.headlessgl).toBeNull();
    expect(row.timeMs).toMatchObject({ torchlet: 4, tfjsCpu: 400, tfjsWasm: 8, pytorch: 2 });
    expect(row.ratios.torchletOverTfjsCpu).toBeCloseTo(100, 9);
    expect(row.ratios.torchletOverTfjsWasm).toBeCloseTo(2, 9);
    expect(row.ratios.torchletOverPytorch).toBeCloseTo(0.5, 9);
    expect(row.ratios.gpujsOverTorchlet.cpu).toBeCloseTo(0.02, 9);
    expect(row.ratios.gpujsOverTorchlet.webasm).toBeNull();
    expect(row.pageFaultsPerCall).toEqual({ torchlet: 89, tfjsCpu: 171, tfjsWasm: 1 });
    expect(row.gpujsReadbackMs).toEqual({ cpu: 0.07, webasm: null, headlessgl: null });
    expect(row.detail).toEqual(['first line', 'second line']);

    expect(small.throughput.torchlet).toBeCloseTo(10, 9);
    expect(small.detail).toEqual([]);
    expect(memory.throughput.torchlet).toBeCloseTo(2000, 9);
    expect(memory.pageFaultsPerCall).toEqual({ torchlet: null, tfjsCpu: null, tfjsWasm: null });
    expect(memory.ratios.torchletOverTfjsWasm).toBeNull();
    expect(memory.detail).toEqual(['RSS within 0.2%']);
    expect(cut.throughput).toEqual({
      torchlet: null,
      tfjsCpu: null,
      tfjsWasm: null,
      pytorch: null,
      gpujs: { cpu: null, webasm: null, headlessgl: null },
    });
  });

  it('gives each matmul row its share of the roofline of the threads it ran on', () => {
    const [small, row, memory] = report.rows;
    expect(small.roofline).toEqual({ threads: 1, gflops: 47.5, fraction: expect.any(Number) });
    expect(small.roofline.fraction).toBeCloseTo(10 / 47.5, 9);
    expect(row.roofline.threads).toBe(2);
    expect(row.roofline.gflops).toBe(95);
    expect(row.roofline.fraction).toBeCloseTo(67.108864 / 95, 9);
    expect(memory.roofline).toBeNull();
    expect(reportJson(ROWS.slice(2), RUN).roofline).toBeNull();
  });
});

describe('the roofline probe', () => {
  it('is a valid wasm SIMD module; relaxed SIMD is what the runtime says', () => {
    expect(WebAssembly.validate(simdRooflineModule('mul-add'))).toBe(true);
    const relaxed = simdRooflineModule('relaxed-madd');
    // Same module but for the update: 12 × 4 updates, each `f32x4.mul, local.get b, f32x4.add`
    // (3 + 2 + 3 bytes) against `local.get b, f32x4.relaxed_madd` (2 + 3 bytes).
    expect(simdRooflineModule('mul-add').length - relaxed.length).toBe(48 * 3);
    expect(typeof WebAssembly.validate(relaxed)).toBe('boolean');
  });

  it('computes acc = acc · 0.5 + 0.5, so the 12 chains converge to 1', () => {
    const { run } = new WebAssembly.Instance(new WebAssembly.Module(simdRooflineModule('mul-add')))
      .exports as { run(iterations: number): number };
    // Chain i starts at i/12; after one iteration of 4 updates: 1 − (1 − i/12)/16.
    const expected = Array.from({ length: 12 }, (_, i) => 1 - (1 - i / 12) / 16);
    expect(run(1)).toBeCloseTo(
      expected.reduce((s, x) => s + x, 0),
      5,
    );
    expect(run(100)).toBeCloseTo(12, 5);
  });

  it('is reported against each matmul row', () => {
    const lines = rooflineDetail(ROOF, ROWS).split('\n');
    expect(lines[0]).toMatch(
      /^Roofline of wasm SIMD128 here .*: 47\.5 GFLOP\/s on 1 thread, 95\.0 GFLOP\/s on 2 threads at once; relaxed SIMD \(f32x4\.relaxed_madd\) not accepted/,
    );
    expect(lines.slice(1)).toEqual([
      'torchlet A·B n=64: 10.0 GFLOP/s = 21% of the 1-thread roofline 47.5 GFLOP/s',
      'torchlet A·B n=512: 67.1 GFLOP/s = 71% of the 2-thread roofline 95.0 GFLOP/s',
    ]);
  });
});
