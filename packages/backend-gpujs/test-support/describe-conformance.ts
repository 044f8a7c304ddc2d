import type { Backend } from '@torchlet/tensor';
import { backendConformanceCases } from '@torchlet/tensor/testing';
import { expect, it } from 'vitest';
import { float32DeviceExclusions } from '../src/float32-device-exclusions';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers one vitest case per conformance case of `backend`, inside the current `describe`.
 * The cases a float32 device cannot pass still run, and must fail exactly at their documented
 * check, so every check before it is proven to pass.
 *
 * @example
 * ```ts
 * describe('conformance', async () => describeConformance(await gpujs({ mode: 'cpu' })));
 * ```
 */
export function describeConformance<B>(backend: Backend<B>): void {
  for (const c of backendConformanceCases(backend)) {
    const excluded = float32DeviceExclusions.get(c.name);
    if (excluded === undefined) {
      it(c.name, c.run);
    } else {
      it(`${c.name} — stops only at '${excluded.failsAt}' (${excluded.reason})`, async () => {
        await expect(c.run()).rejects.toThrow(new RegExp(`^${escapeRegExp(excluded.failsAt)}: `));
      });
    }
  }
}
