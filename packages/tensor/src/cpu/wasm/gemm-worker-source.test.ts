import { describe, expect, it } from 'vitest';
import { GEMM_WORKER_SOURCE } from './gemm-worker-source';

describe('GEMM_WORKER_SOURCE', () => {
  // Deno 2 and Bun 1 run `new Worker(source, { eval: true })` as CommonJS inside a function with
  // these parameters; a top-level `const module` there was "Identifier 'module' has already been
  // declared" (Deno) or "Cannot declare a lexical variable twice: 'module'" (Bun), so the worker
  // died at start and matmul ran on one thread while getNumThreads() said 2. Compiling it the
  // same way (new Function compiles without running) reproduces both.
  it("compiles inside the CommonJS wrapper that Deno and Bun put around eval'd workers", () => {
    const wrapper = ['exports', 'require', 'module', '__filename', '__dirname'];
    expect(() => new Function(...wrapper, GEMM_WORKER_SOURCE)).not.toThrow();
  });
});
