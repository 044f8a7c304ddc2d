import { Worker } from 'node:worker_threads';
import { ROOFLINE_FLOPS_PER_ITERATION, simdRooflineModule } from './simd-roofline-module';

/** What {@link measureRoofline} found: peak wasm SIMD128 f32x4 mul+add throughput here. */
export interface Roofline {
  /** GFLOP/s of the probe on one thread. */
  oneThread: number;
  /** Threads of the second measurement (torchlet's `getNumThreads()`). */
  threads: number;
  /** GFLOP/s of all `threads` probes running at once, summed. */
  allThreads: number;
  /** Whether `WebAssembly.validate` accepts a module using `f32x4.relaxed_madd`. */
  relaxedSimd: boolean;
  /** Wall time the whole probe took (worker start-up included), in ms. */
  ms: number;
}

/** Length of one timed run of the probe. */
const RUN_MS = 300;
/** Timed runs of each measurement; the fastest counts (noise only ever slows a run down). */
const RUNS = 5;
/** Untimed calls first: V8 runs a wasm function on its baseline tier until TurboFan has it. */
const WARMUP_MS = 100;

// Each worker instantiates the probe, warms it up, then on every message meets the others at a
// spin barrier (so all start together) and times one run. CommonJS: eval'd workers are scripts.
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { module, barrier, warmupMs } = workerData;
const { run } = new WebAssembly.Instance(module).exports;
const arrived = new Int32Array(barrier);
for (const t0 = performance.now(); performance.now() - t0 < warmupMs; ) run(10000);
parentPort.postMessage('ready');
parentPort.on('message', ({ iterations, until }) => {
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < until);
  const t0 = performance.now();
  run(iterations);
  parentPort.postMessage(performance.now() - t0);
});
`;

type Run = (iterations: number) => number;

/** The next message of `worker`, or its error. */
const next = <T>(worker: Worker) =>
  new Promise<T>((resolve, reject) => {
    const onMessage = (message: T) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage).once('error', onError);
  });

/**
 * Measures the roofline of wasm SIMD128 float32 arithmetic here: the probe of
 * `simdRooflineModule` (12 independent f32x4 mul+add chains) for ~0.3 s on the calling thread,
 * then on `threads` worker threads at once, best of 5 runs each, in GFLOP/s (a multiply and an
 * add are 2 flops per lane). A float32 matmul on wasm SIMD128 (no FMA) cannot beat it on as many
 * threads; its share of it says how much a kernel leaves on the table. Takes ~3 s.
 *
 * @example
 * ```ts
 * const roof = await measureRoofline(getNumThreads());
 * `${roof.oneThread} GFLOP/s on 1 thread, ${roof.allThreads} on ${roof.threads}`;
 * ```
 */
export async function measureRoofline(threads: number): Promise<Roofline> {
  const start = performance.now();
  const module = new WebAssembly.Module(simdRooflineModule('mul-add'));
  const { run } = new WebAssembly.Instance(module).exports as { run: Run };
  for (const t0 = performance.now(); performance.now() - t0 < WARMUP_MS;) run(10_000);
  // Size the runs from one ~1 ms call, now on the optimizing tier.
  let t0 = performance.now();
  run(100_000);
  const iterations = Math.ceil((100_000 * RUN_MS) / Math.max(performance.now() - t0, 0.1));
  const gflops = (ms: number, copies: number) =>
    (copies * iterations * ROOFLINE_FLOPS_PER_ITERATION) / ms / 1e6;

  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    t0 = performance.now();
    run(iterations);
    best = Math.min(best, performance.now() - t0);
  }
  const oneThread = gflops(best, 1);

  const barrier = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, barrier, warmupMs: WARMUP_MS },
      }),
  );
  try {
    await Promise.all(workers.map((w) => next<string>(w)));
    let slowestBest = Infinity;
    for (let r = 1; r <= RUNS; r++) {
      const done = workers.map((w) => next<number>(w));
      for (const w of workers) w.postMessage({ iterations, until: r * threads });
      // All ran the same work at once: the slowest one bounds the aggregate rate.
      slowestBest = Math.min(slowestBest, Math.max(...(await Promise.all(done))));
    }
    return {
      oneThread,
      threads,
      allThreads: gflops(slowestBest, threads),
      relaxedSimd: WebAssembly.validate(simdRooflineModule('relaxed-madd')),
      ms: performance.now() - start,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
