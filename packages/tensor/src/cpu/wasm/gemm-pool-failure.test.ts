import { afterAll, describe, expect, it, vi } from 'vitest';
import { matmul, randn } from '../../index';
import { getNumThreads } from '../get-num-threads';
import { setNumThreads } from '../set-num-threads';
import { matmulThreadInfo } from './matmul-thread-info';

// Every worker of this file's pool dies at start, as they did on Deno and Bun before their
// CommonJS wrapper was accounted for (see gemm-worker-source.test.ts).
vi.mock('./gemm-worker-source', () => ({
  GEMM_WORKER_SOURCE: 'throw new SyntaxError("Identifier \'module\' has already been declared");',
  SPIN_POLLS: 100,
}));

const initial = getNumThreads();
afterAll(() => setNumThreads(initial));

describe('a gemm worker that fails', () => {
  it('leaves results right, then getNumThreads() says 1, with the reason and one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setNumThreads(2);
    const a = randn([256, 256]);
    const b = randn([256, 256]);
    const want = matmul(a.double(), b.double());
    // The calling thread runs every task while the worker is (not) starting.
    const got = matmul(a, b);
    expect(got.sub(want).abs().max().item()).toBeLessThan(1e-3);
    expect(getNumThreads()).toBe(2);
    // The worker's error arrives as an event on this thread's event loop.
    for (let i = 0; i < 200 && matmulThreadInfo().singleThreadedBecause === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const info = matmulThreadInfo();
    expect(info.singleThreadedBecause).toBe(
      "SyntaxError: Identifier 'module' has already been declared",
    );
    expect(info.threads).toBe(1);
    expect(info.tasksByThread).toEqual([]);
    expect(getNumThreads()).toBe(1);
    setNumThreads(4); // whatever is asked
    expect(getNumThreads()).toBe(1);
    expect(matmul(a, b).sub(want).abs().max().item()).toBeLessThan(1e-3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^torchlet: a matmul worker thread failed \(SyntaxError: Identifier 'module' has already been declared\); float32 matmul runs on the calling thread from now on, and getNumThreads\(\) is 1/,
    );
    warn.mockRestore();
  });
});
