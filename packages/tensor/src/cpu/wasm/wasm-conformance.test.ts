import { afterAll, beforeAll, describe, it } from 'vitest';
import { backendConformanceCases } from '@torchlet/tensor/testing';
import { cpuBackend } from '../cpu-backend';
import { wasmMatmulSettings } from './wasm-matmul-settings';

// The conformance suite's matmuls are small, so they normally stay on the calling thread; here
// every one is split over the worker threads.
describe('backend conformance: cpuBackend with every matmul split over threads', () => {
  const saved = wasmMatmulSettings.minParallelFlops;
  beforeAll(() => {
    wasmMatmulSettings.minParallelFlops = 0;
  });
  afterAll(() => {
    wasmMatmulSettings.minParallelFlops = saved;
  });
  for (const c of backendConformanceCases(cpuBackend)) {
    if (c.name.startsWith('matmul') || c.name.startsWith('tensor API')) it(c.name, c.run);
  }
});
