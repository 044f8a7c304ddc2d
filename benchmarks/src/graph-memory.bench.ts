import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GraphMemoryCase, GraphMemoryPass, GraphMemoryResult } from './graph-memory-probe';
import type { ReportRow } from './report-table';

/** Each case runs this many times, each in a fresh process; the figures are medians. */
const RUNS = 3;

/**
 * The MLP on the CPU backend, and a smaller one on gpu.js `webasm`, whose kernels run
 * ~50× slower than the CPU backend's (a 1024-wide pass would take over a minute there); the
 * count of device buffers a graph keeps does not depend on the width.
 */
function cases(): GraphMemoryCase[] {
  const activations = (process.env.TORCHLET_BENCH_GRAPH_ACTIVATIONS ?? 'relu').split(',');
  for (const a of activations) {
    if (a !== 'relu' && a !== 'gelu') {
      throw new Error(`TORCHLET_BENCH_GRAPH_ACTIVATIONS: '${a}' is not one of relu, gelu`);
    }
  }
  return [
    ...(activations as GraphMemoryCase['activation'][]).map((activation): GraphMemoryCase => ({
      layers: 32,
      width: 1024,
      batch: 256,
      activation,
      backend: 'cpu',
    })),
    { layers: 32, width: 256, batch: 64, activation: 'relu', backend: 'gpujs-webasm' },
  ];
}

const caseName = (c: GraphMemoryCase) =>
  `${c.backend} MLP ${c.layers}×${c.width} ${c.activation === 'relu' ? 'ReLU' : 'GELU'} b=${c.batch}`;

/**
 * Runs one probe in a fresh process: `gc()` exposed, and array buffers swept on the main thread,
 * so `arrayBuffers` drops when `gc()` returns rather than whenever a helper thread is done.
 */
function runProbe(c: GraphMemoryCase, signal: AbortSignal): Promise<GraphMemoryResult> {
  const child = fileURLToPath(new URL('./graph-memory-child.ts', import.meta.url));
  const args = [
    ...process.execArgv, // tsx's loader
    '--expose-gc',
    '--no-concurrent-array-buffer-sweeping',
    child,
    JSON.stringify(c),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { signal, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${caseName(c)}: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as GraphMemoryResult);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The median of each figure over `runs`. */
function medianPass(runs: GraphMemoryPass[]): GraphMemoryPass {
  const keys = Object.keys(runs[0]) as (keyof GraphMemoryPass)[];
  return Object.fromEntries(
    keys.map((k) => [k, median(runs.map((r) => r[k] ?? NaN))]),
  ) as unknown as GraphMemoryPass;
}

interface CaseSummary {
  c: GraphMemoryCase;
  model: number;
  natural: GraphMemoryPass;
  live: GraphMemoryPass;
}

/** The figures of every case as a Markdown table, in MiB. */
function summaryTable(summaries: CaseSummary[]): string {
  const header = [
    'case',
    'model',
    'graph after forward',
    'forward peak (live / natural)',
    'backward peak (live / natural)',
    'after backward',
    'device buffers kept (after forward / after backward)',
    'fwd+bwd ms',
  ];
  const rows = summaries.map(({ c, model, natural, live }) => [
    caseName(c),
    mib(model),
    mib(live.afterForward),
    `${mib(live.forwardPeak)} / ${mib(natural.forwardPeak)}`,
    `${mib(live.backwardPeak)} / ${mib(natural.backwardPeak)}`,
    mib(live.afterBackward),
    live.liveBuffersAfterForward === undefined
      ? '—'
      : `${live.liveBuffersAfterForward} / ${live.liveBuffersAfterBackward}`,
    natural.ms.toFixed(0),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * The graph-memory suite: the JS heap plus typed-array memory of one forward and backward of a
 * 32-layer MLP (Linear 1024 → 1024, ReLU between, batch 256, float32, CPU backend), and of a
 * 256-wide one on gpu.js `webasm` with its count of live device buffers. Each case runs
 * {@link RUNS} times in a fresh process (`probeGraphMemory` in graph-memory-probe.ts says
 * how it samples); the table gives medians in MiB above the model and its input, "live" after
 * `gc()`, "natural" as the process held it. `TORCHLET_BENCH_GRAPH_ACTIVATIONS=relu,gelu` adds
 * the GELU MLP. Run it alone with `pnpm bench graph-memory` or `tsx src/graph-memory.bench.ts`.
 *
 * @example
 * ```ts
 * const [row] = await graphMemoryBench(AbortSignal.timeout(120_000));
 * console.log(row.detail); // the Markdown table
 * ```
 */
export async function graphMemoryBench(signal: AbortSignal): Promise<ReportRow[]> {
  const summaries: CaseSummary[] = [];
  for (const c of cases()) {
    const results: GraphMemoryResult[] = [];
    for (let i = 0; i < RUNS && !signal.aborted; i++) {
      let r: GraphMemoryResult;
      try {
        r = await runProbe(c, signal);
      } catch (error) {
        if (signal.aborted) break; // the run's time limit: report the cases done so far
        throw error;
      }
      console.error(
        `  ${caseName(c)} run ${i + 1}: graph after forward ${mib(r.live.afterForward)} MiB, ` +
          `backward peak ${mib(r.live.backwardPeak)} live / ${mib(r.natural.backwardPeak)} natural`,
      );
      results.push(r);
    }
    if (results.length < RUNS) break;
    summaries.push({
      c,
      model: median(results.map((r) => r.model)),
      natural: medianPass(results.map((r) => r.natural)),
      live: medianPass(results.map((r) => r.live)),
    });
  }
  const detail =
    `Graph memory (MiB of heapUsed + arrayBuffers above the model and input; median of ${RUNS} ` +
    `runs; live = after gc(), natural = as sampled):\n\n${summaryTable(summaries)}`;
  return summaries
    .filter((s) => s.c.backend === 'cpu')
    .map((s, i) => ({
      suite: 'graph-memory',
      case: `${caseName(s.c).replace('cpu ', '')} fwd+bwd`,
      unit: 'steps/s',
      work: 1,
      torchlet: { ms: s.natural.ms, faultsPerCall: NaN },
      ...(i === 0 ? { detail } : {}),
    }));
}

// `tsx src/graph-memory.bench.ts`: this suite alone, its table on stdout.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [row] = await graphMemoryBench(AbortSignal.timeout(600_000));
  console.log(row?.detail ?? 'no case ran');
}
