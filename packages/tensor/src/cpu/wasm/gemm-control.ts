/**
 * Slots of the Int32Array (over a SharedArrayBuffer) through which the main thread hands a table
 * of gemm tasks to the worker threads, and the limits of its encoding. Shared by
 * {@link GemmThreadPool} and the worker source, so both sides agree.
 *
 * A job: the main thread writes the task table into wasm memory, stores COUNT and TASKS, then
 * NEXT = job tag (its generation << INDEX_BITS, index 0), then GEN, and wakes the workers on GEN.
 * Each thread claims task `i` by compare-exchanging NEXT from tag|i to tag|i+1, so a worker that
 * wakes late for a finished job finds another tag and claims nothing. FINISHED counts completed
 * tasks; the thread that completes the last one wakes the main thread on it.
 */
export const gemmControl = {
  /** Generation of the latest job; workers sleep on it. */
  GEN: 0,
  /** Job tag | next unclaimed task index. */
  NEXT: 1,
  /** Tasks in the current job. */
  COUNT: 2,
  /** Byte address of the current task table in wasm memory. */
  TASKS: 3,
  /** Tasks completed in the current job. */
  FINISHED: 4,
  /** Workers that have instantiated the module and are waiting for jobs. */
  READY: 5,
  /** Set to 1 when a task threw (a wasm trap: a bug); the main thread then throws. */
  ERROR: 6,
  /**
   * The first of one slot per thread (the calling thread, then worker 1, 2, …): tasks that thread
   * has run since the pool started, so tests and `matmulThreadInfo()` can see every thread work.
   * The block has `THREAD_TASKS + threads` slots in all.
   */
  THREAD_TASKS: 7,
  /** Low bits of NEXT that hold the task index: at most 2^12 − 1 tasks per job. */
  INDEX_BITS: 12,
  /** Generations wrap at 2^19, so tag = gen << 12 stays a positive int32. */
  GEN_MASK: 0x7ffff,
  /** Bytes per task in the table: 11 i32 arguments of gemmTask, padded to 12. */
  TASK_BYTES: 48,
} as const;
