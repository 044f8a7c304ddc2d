import type { Worker } from 'node:worker_threads';
import { gemmControl as C } from './gemm-control';
import { GEMM_WORKER_SOURCE, SPIN_POLLS } from './gemm-worker-source';
import type { WasmGemm } from './load-wasm-gemm';

type WorkerThreads = typeof import('node:worker_threads');

const INDEX_MASK = (1 << C.INDEX_BITS) - 1;

/**
 * A persistent pool of worker threads that run gemm tasks on the shared wasm memory alongside the
 * calling thread. Jobs are handed over through Atomics on a small control block (see
 * {@link gemmControl}), never by postMessage, so a job costs a few µs to start. Workers are
 * unref'd: they never keep the process alive.
 *
 * @example
 * ```ts
 * const pool = new GemmThreadPool(wasm, workerThreads, 2, scratchOf);
 * pool.run(taskTable, taskCount, scratchOf(0)); // returns when every task has run
 * ```
 */
export class GemmThreadPool {
  /** Threads that run a job, the calling thread included. */
  readonly size: number;
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private failure: string | undefined;
  private readonly gemmTask: WasmGemm['exports']['gemmTask'];
  private gen = 0;

  /**
   * Starts `threads − 1` workers on `wasm`'s shared memory; worker `w` (1-based) packs into the
   * scratch at byte `scratch(w)`. They become ready asynchronously: until then the calling thread
   * runs every task itself.
   */
  constructor(
    wasm: WasmGemm,
    workerThreads: WorkerThreads,
    threads: number,
    scratch: (slot: number) => number,
  ) {
    if (!wasm.shared) throw new Error('GemmThreadPool: the wasm memory must be shared');
    this.size = threads;
    this.control = new Int32Array(new SharedArrayBuffer((C.THREAD_TASKS + threads) * 4));
    this.gemmTask = wasm.exports.gemmTask;
    for (let w = 1; w < threads; w++) {
      const worker = new workerThreads.Worker(GEMM_WORKER_SOURCE, {
        eval: true,
        workerData: {
          wasmModule: wasm.module,
          memory: wasm.memory,
          control: this.control.buffer,
          work: scratch(w),
          slot: w,
        },
      });
      // A worker that fails (to start, or later) claims no more tasks, and jobs still complete on
      // the threads left; the failure is kept, so the pool's owner can stop using it and say why.
      worker.on('error', (e: unknown) => {
        this.failure ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /**
   * Runs the `count` tasks of the table at byte `tasks` (each {@link gemmControl.TASK_BYTES} bytes
   * of gemmTask arguments) on every thread of the pool, the calling one packing into the scratch
   * at byte `work`, and returns when all have finished. `sideWork`, if given, runs on the calling
   * thread once the workers have the job, before it claims tasks itself.
   */
  run(tasks: number, count: number, work: number, sideWork?: () => void): void {
    if (count > INDEX_MASK) throw new RangeError(`GemmThreadPool: ${count} tasks in one job`);
    const ctl = this.control;
    const gen = (this.gen = (this.gen + 1) & C.GEN_MASK);
    Atomics.store(ctl, C.FINISHED, 0);
    Atomics.store(ctl, C.ERROR, 0);
    Atomics.store(ctl, C.COUNT, count);
    Atomics.store(ctl, C.TASKS, tasks);
    Atomics.store(ctl, C.NEXT, gen << C.INDEX_BITS);
    Atomics.store(ctl, C.GEN, gen);
    Atomics.notify(ctl, C.GEN);
    // The calling thread claims tasks like any worker (see gemm-worker-source.ts). A task that
    // throws is recorded, not rethrown at once: workers may still be writing into the memory.
    const tag = gen << C.INDEX_BITS;
    let failure: unknown;
    try {
      sideWork?.();
    } catch (e) {
      failure = e;
    }
    for (;;) {
      const next = Atomics.load(ctl, C.NEXT);
      const i = next & INDEX_MASK;
      if ((next & ~INDEX_MASK) !== tag || i >= count) break;
      if (Atomics.compareExchange(ctl, C.NEXT, next, next + 1) !== next) continue;
      try {
        this.gemmTask(tasks + i * C.TASK_BYTES, work);
      } catch (e) {
        failure ??= e;
      }
      Atomics.add(ctl, C.THREAD_TASKS, 1);
      Atomics.add(ctl, C.FINISHED, 1);
    }
    // Wait for the tasks that workers claimed: spin briefly, then sleep until the last one wakes us.
    let finished = Atomics.load(ctl, C.FINISHED);
    for (let spin = 0; finished < count && spin < SPIN_POLLS; spin++) {
      finished = Atomics.load(ctl, C.FINISHED);
    }
    while (finished < count) {
      Atomics.wait(ctl, C.FINISHED, finished);
      finished = Atomics.load(ctl, C.FINISHED);
    }
    if (failure !== undefined) throw failure;
    if (Atomics.load(ctl, C.ERROR) !== 0) {
      throw new Error('matmul: a wasm gemm task failed in a worker thread (a torchlet bug)');
    }
  }

  /**
   * Blocks until every worker is ready, or `timeoutMs` passes; returns whether all are ready.
   * Only tests need this: jobs never wait for workers.
   */
  waitUntilReady(timeoutMs: number): boolean {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = Atomics.load(this.control, C.READY);
      if (ready >= this.workers.length) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.control, C.READY, ready, left);
    }
  }

  /** Workers that have started and wait for jobs. */
  readyWorkers(): number {
    return Atomics.load(this.control, C.READY);
  }

  /**
   * Tasks each thread has run since the pool started: the calling thread first, then worker 1,
   * 2, ….
   */
  tasksByThread(): number[] {
    const counts: number[] = [];
    for (let t = 0; t < this.size; t++) counts.push(Atomics.load(this.control, C.THREAD_TASKS + t));
    return counts;
  }

  /** Why a worker failed (`'SyntaxError: …'`), or `undefined` while none has. */
  failed(): string | undefined {
    return this.failure;
  }

  /** Stops the workers (asynchronously); the pool must not be used afterwards. */
  terminate(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
