import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { attentionBench } from './attention.bench';
import { elementwiseBench } from './elementwise.bench';
import { gptBench } from './gpt.bench';
import { graphMemoryBench } from './graph-memory.bench';
import { matmulBench } from './matmul.bench';
import { memoryBench } from './memory.bench';
import { addPytorchRows } from './pytorch-rows';
import { reportJson } from './report-json';
import { gpujsTable, reportTable, type ReportRow } from './report-table';
import { parseRunArgs } from './run-args';
import { trainStepBench } from './train-step.bench';

// The whole run stops measuring after this long; cases it cuts show "—". A full run takes 14–16
// minutes on 2 cores, most of it the memory suite's two 20,000-step loops, the gpu.js rows (a
// minute of them the GPT's), tfjs-backend-cpu's 1024² matmul, train-step and the GPT suite.
const TIME_LIMIT_MS = 1_500_000;

const SUITES: Record<string, (signal: AbortSignal) => Promise<ReportRow[]>> = {
  matmul: matmulBench,
  elementwise: elementwiseBench,
  'train-step': trainStepBench,
  memory: memoryBench,
  'graph-memory': graphMemoryBench,
  attention: attentionBench,
  gpt: gptBench,
};

/**
 * Runs every suite (or those named on the command line: `pnpm bench matmul`) and prints one
 * Markdown table, headed by the machine, Node version and date; with `--json <file>` also writes
 * every number of the run to `file` (see report-json.ts).
 */
async function runAll(): Promise<void> {
  const args = parseRunArgs(process.argv.slice(2), Object.keys(SUITES));
  const wanted = args.suites;
  // pnpm runs the script in benchmarks/; a relative path means where `pnpm bench` was typed.
  const jsonPath =
    args.json === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), args.json);
  // Now rather than after a 10-minute run.
  if (jsonPath !== undefined && !existsSync(dirname(jsonPath))) {
    throw new Error(`--json ${args.json}: no directory ${dirname(jsonPath)}`);
  }
  const signal = AbortSignal.timeout(TIME_LIMIT_MS);
  const rows: ReportRow[] = [];
  for (const [name, suite] of Object.entries(SUITES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.error(`${name}: torchlet / tfjs-cpu / tfjs-wasm`);
    rows.push(...(await suite(signal)));
  }
  // PyTorch runs last, alone, so it never competes with the JavaScript timings for the cores.
  const torchNote = signal.aborted ? undefined : addPytorchRows(rows);
  const cpu = cpus();
  const machine = { cpu: cpu[0]?.model ?? 'unknown CPU', cores: cpu.length };
  const date = new Date();
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, Node ${process.version}, ` +
      `${date.toISOString().slice(0, 10)}. Throughput from the median time; higher is better.\n`,
  );
  console.log(reportTable(rows));
  console.log(
    torchNote === undefined
      ? '\nNo PyTorch rows: /usr/bin/python3 cannot import torch (apt-get install python3-torch).'
      : `\n${torchNote}`,
  );
  if (rows.some((r) => r.gpujs !== undefined)) {
    console.log(
      `\ntorchlet's gpu.js backend (each call and its readback), against its CPU backend:\n`,
    );
    console.log(gpujsTable(rows));
  }
  for (const row of rows) if (row.detail !== undefined) console.log(`\n${row.detail}`);
  if (signal.aborted)
    console.log(`\nThe ${TIME_LIMIT_MS / 1000} s time limit cut the cases marked "—".`);
  if (jsonPath !== undefined) {
    const report = reportJson(rows, {
      machine,
      node: process.version,
      date: date.toISOString(),
      pytorch: torchNote ?? null,
      timeLimitHit: signal.aborted,
    });
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`wrote ${jsonPath}`);
  }
}

await runAll();
