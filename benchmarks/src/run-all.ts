import { cpus } from 'node:os';
import { attentionBench } from './attention.bench';
import { elementwiseBench } from './elementwise.bench';
import { gptBench } from './gpt.bench';
import { graphMemoryBench } from './graph-memory.bench';
import { matmulBench } from './matmul.bench';
import { memoryBench } from './memory.bench';
import { addPytorchRows } from './pytorch-rows';
import { gpujsTable, reportTable, type ReportRow } from './report-table';
import { trainStepBench } from './train-step.bench';

// The whole run stops measuring after this long; cases it cuts show "—". A full run takes 9–10
// minutes on 2 cores, most of it the gpu.js rows (a minute of them the GPT's), tfjs-backend-cpu's
// 1024² matmul, train-step, memory and the GPT suite.
const TIME_LIMIT_MS = 900_000;

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
 * Markdown table, headed by the machine, Node version and date.
 */
async function runAll(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    throw new Error(
      `unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`,
    );
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
  console.log(
    `\n${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}. Throughput from the median time; higher is better.\n`,
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
}

await runAll();
