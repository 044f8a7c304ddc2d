import { getNumThreads, manualSeed, matmul, randn, setNumThreads } from '@torchlet/tensor';
import { matmulThreadInfo } from '@torchlet/tensor/cpu-wasm';
import { availableParallelism } from 'node:os';

/**
 * Whether float32 matmul really runs on the threads `getNumThreads()` promises: large products
 * are computed on one thread, then on all of them until every thread (the calling one and each
 * worker) has run tasks, within 20 s. Each threaded result must equal the one-thread result bit
 * for bit (the split only divides the rows or columns of C). Returns a line for the table and
 * whether the check passed.
 *
 * @example
 * ```js
 * checkThreads(); // { ok: true, summary: '2 (tasks 41+39)' }
 * ```
 */
export function checkThreads() {
  const threads = getNumThreads();
  const info = matmulThreadInfo();
  if (info.threads !== threads) {
    return { ok: false, summary: `getNumThreads() ${threads}, matmulThreadInfo() ${info.threads}` };
  }
  // Every tested runtime has worker threads: the default is the available parallelism, at most 8.
  const expected = Math.min(8, availableParallelism());
  if (threads !== expected) {
    const why = info.singleThreadedBecause ?? 'no reason given';
    return { ok: false, summary: `getNumThreads() ${threads}, expected ${expected}: ${why}` };
  }
  if (threads === 1) return { ok: true, summary: '1 (one core)' };
  manualSeed(1);
  // A·B, A·Bᵀ and Aᵀ·B: the pool cuts them by rows or by columns.
  const a = randn([320, 288]);
  const b = randn([288, 352]);
  const bt = randn([352, 288]);
  const at = randn([288, 320]);
  const products = () => [matmul(a, b), matmul(a, bt.T), matmul(at.T, b)];
  setNumThreads(1);
  const single = products().map((c) => Float32Array.from(c.dataSync()));
  setNumThreads(threads);
  const deadline = Date.now() + 20_000;
  let rounds = 0;
  let tasks = [];
  for (;;) {
    const got = products();
    rounds++;
    for (let p = 0; p < got.length; p++) {
      const mismatch = firstDifference(got[p].dataSync(), single[p]);
      if (mismatch !== undefined) {
        return { ok: false, summary: `${threads}: product ${p} differs at ${mismatch}` };
      }
    }
    tasks = matmulThreadInfo().tasksByThread;
    const allWorked = tasks.length === threads && tasks.every((t) => t > 0);
    if (rounds >= 10 && allWorked)
      return { ok: true, summary: `${threads} (tasks ${tasks.join('+')})` };
    if (Date.now() > deadline) {
      const why = matmulThreadInfo().singleThreadedBecause;
      return {
        ok: false,
        summary: `${threads}, but tasks by thread [${tasks.join(', ')}]${why ? `: ${why}` : ''}`,
      };
    }
  }
}

/** The first index where two float32 arrays differ bit for bit, or `undefined`. */
function firstDifference(x, y) {
  const bx = new Uint32Array(Float32Array.from(x).buffer);
  const by = new Uint32Array(Float32Array.from(y).buffer);
  if (bx.length !== by.length) return `length ${bx.length} vs ${by.length}`;
  for (let i = 0; i < bx.length; i++)
    if (bx[i] !== by[i]) return `element ${i}: ${x[i]} vs ${y[i]}`;
  return undefined;
}
