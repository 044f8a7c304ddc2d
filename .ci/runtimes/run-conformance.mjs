import { cpuBackend, createCpuBackend } from '@torchlet/tensor';
import { backendConformanceCases } from '@torchlet/tensor/testing';

/**
 * Runs the backend-conformance suite of `@torchlet/tensor/testing` without a test framework, on
 * the default CPU backend (WebAssembly SIMD matmul in Node, Deno and Bun) and on its reference
 * (`createCpuBackend({ wasm: false })`, matmul in TypeScript). Prints each failure.
 *
 * @example
 * ```js
 * const { passed, failed } = await runConformance(); // { passed: 174, failed: 0 }
 * ```
 */
export async function runConformance() {
  let passed = 0;
  let failed = 0;
  const backends = [
    ['cpuBackend', cpuBackend],
    ['createCpuBackend({ wasm: false })', createCpuBackend({ wasm: false })],
  ];
  for (const [label, backend] of backends) {
    for (const c of backendConformanceCases(backend)) {
      try {
        await c.run();
        passed++;
      } catch (e) {
        failed++;
        console.log(`conformance FAIL [${label}] ${c.name}: ${e instanceof Error ? e.message : e}`);
      }
    }
  }
  return { passed, failed };
}
