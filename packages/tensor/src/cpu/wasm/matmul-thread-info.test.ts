import { afterEach, describe, expect, it } from 'vitest';
import { matmul, randn } from '../../index';
import { getNumThreads } from '../get-num-threads';
import { setNumThreads } from '../set-num-threads';
import { matmulThreadInfo } from './matmul-thread-info';
import { matmulThreadInfo as browserMatmulThreadInfo } from './matmul-thread-info.browser';

const initial = getNumThreads();
afterEach(() => setNumThreads(initial));

describe('matmulThreadInfo', () => {
  it('says what getNumThreads says, and that both threads did work on large products', () => {
    setNumThreads(2);
    const a = randn([256, 256]);
    const b = randn([256, 256]);
    // The workers start with the first large matmul, asynchronously; meanwhile the calling
    // thread runs every task.
    matmul(a, b);
    const deadline = Date.now() + 10_000;
    while (matmulThreadInfo().readyWorkers < 1 && Date.now() < deadline) matmul(a, b);
    const before = matmulThreadInfo();
    expect(before.readyWorkers).toBe(1);
    for (let i = 0; i < 20; i++) matmul(a, b);
    const info = matmulThreadInfo();
    expect(info.threads).toBe(2);
    expect(info.threads).toBe(getNumThreads());
    expect(info.singleThreadedBecause).toBeUndefined();
    expect(info.tasksByThread).toHaveLength(2);
    // Each product is cut into 2 slabs of rows per thread, each run exactly once; a ready worker
    // claims some of them.
    const ran = info.tasksByThread.map((tasks, t) => tasks - before.tasksByThread[t]);
    expect(ran[0]).toBeGreaterThan(0);
    expect(ran[1]).toBeGreaterThan(0);
    expect(ran[0] + ran[1]).toBe(20 * 4);
  });

  it("the browser build's says one thread and why", () => {
    expect(browserMatmulThreadInfo()).toEqual({
      threads: 1,
      readyWorkers: 0,
      tasksByThread: [],
      singleThreadedBecause: "the browser build's cpuWasm runs matmul on the calling thread",
    });
  });
});
