import { gemmControl as C } from './gemm-control';

/**
 * Busy-polls of the control block before a thread sleeps in Atomics.wait: ~100 µs at ~10 ns a
 * poll (measured), which keeps a worker awake across back-to-back matmuls (waking one from
 * Atomics.wait measured ~80–100 µs here, sometimes 2 ms) without burning a core for long once
 * matmuls stop.
 */
export const SPIN_POLLS = 10_000;

/**
 * The code of each gemm worker thread, as a string for `new Worker(source, { eval: true })`, so
 * that it survives bundling (no separate worker file to ship). CommonJS, since eval'd workers are
 * scripts. `workerData`: the compiled module, the shared memory, the control SharedArrayBuffer,
 * the byte address of this worker's packing scratch and its slot (1-based) in the control block.
 *
 * Deno and Bun wrap eval'd CommonJS in a function whose parameters are `module`, `exports`,
 * `require`, `__filename` and `__dirname`, so a top-level `const module` is a SyntaxError there
 * (Node makes them globals, which a script may shadow). Everything lives in an arrow function,
 * whose declarations may shadow a wrapper's names on every runtime.
 *
 * @example
 * ```ts
 * new Worker(GEMM_WORKER_SOURCE, { eval: true, workerData: { module, memory, control, work } });
 * ```
 */
export const GEMM_WORKER_SOURCE = `'use strict';
(() => {
const { workerData } = require('node:worker_threads');
const { wasmModule, memory, control, work, slot } = workerData;
const ctl = new Int32Array(control);
const { gemmTask } = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports;
const INDEX_MASK = ${(1 << C.INDEX_BITS) - 1};

// Claims and runs tasks of job \`gen\` until none is left (see gemm-control.ts).
function runTasks(gen) {
  const tag = gen << ${C.INDEX_BITS};
  for (;;) {
    const next = Atomics.load(ctl, ${C.NEXT});
    if ((next & ~INDEX_MASK) !== tag) return;
    const i = next & INDEX_MASK;
    const count = Atomics.load(ctl, ${C.COUNT});
    if (i >= count) return;
    if (Atomics.compareExchange(ctl, ${C.NEXT}, next, next + 1) !== next) continue;
    try {
      gemmTask(Atomics.load(ctl, ${C.TASKS}) + i * ${C.TASK_BYTES}, work);
    } catch {
      Atomics.store(ctl, ${C.ERROR}, 1);
    }
    Atomics.add(ctl, ${C.THREAD_TASKS} + slot, 1);
    if (Atomics.add(ctl, ${C.FINISHED}, 1) + 1 === count) Atomics.notify(ctl, ${C.FINISHED});
  }
}

Atomics.add(ctl, ${C.READY}, 1);
Atomics.notify(ctl, ${C.READY});
let seen = Atomics.load(ctl, ${C.GEN});
for (;;) {
  let gen = Atomics.load(ctl, ${C.GEN});
  for (let spin = 0; gen === seen && spin < ${SPIN_POLLS}; spin++) gen = Atomics.load(ctl, ${C.GEN});
  if (gen === seen) {
    Atomics.wait(ctl, ${C.GEN}, seen);
    continue;
  }
  seen = gen;
  runTasks(gen);
}
})();
`;
