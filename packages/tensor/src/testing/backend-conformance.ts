import type { Backend } from '../backend';
import { binaryCases } from './conformance/binary-cases';
import { catCases } from './conformance/cat-cases';
import type { ConformanceCase } from './conformance/conformance-case';
import { copyCases } from './conformance/copy-cases';
import { fusedCases } from './conformance/fused-cases';
import { gatherScatterCases } from './conformance/gather-scatter-cases';
import { inputsUntouchedCases } from './conformance/inputs-untouched-cases';
import { matmulCases } from './conformance/matmul-cases';
import { reduceCases } from './conformance/reduce-cases';
import { tensorApiCases } from './conformance/tensor-api-cases';
import { unaryCases } from './conformance/unary-cases';
import { uploadReadCases } from './conformance/upload-read-cases';
import { whereCases } from './conformance/where-cases';

export type { ConformanceCase } from './conformance/conformance-case';
export { conformanceTolerance, type Tolerance } from './conformance/conformance-tolerance';

/**
 * The backend-conformance suite: every kernel of the {@link Backend} spec, driven directly with
 * strided views (transposes, offsets, stride-0 broadcasts, gapped slices) and every dtype where it
 * matters, plus end-to-end checks through the Tensor API placed on `backend`. Expected values come
 * from naive reference code on plain arrays, never from another backend.
 *
 * Each case's `run` rejects with a message naming the kernel, the element and both values.
 * The suite needs no test framework; wrap the cases in your own.
 *
 * @example
 * ```ts
 * import { backendConformanceCases } from '@torchlet/tensor/testing';
 * for (const c of backendConformanceCases(myBackend)) it(c.name, c.run);
 * ```
 */
export function backendConformanceCases<B>(backend: Backend<B>): ConformanceCase[] {
  return [
    ...uploadReadCases(backend),
    ...copyCases(backend),
    ...unaryCases(backend),
    ...binaryCases(backend),
    ...reduceCases(backend),
    ...matmulCases(backend),
    ...whereCases(backend),
    ...gatherScatterCases(backend),
    ...catCases(backend),
    ...fusedCases(backend),
    ...inputsUntouchedCases(backend),
    ...tensorApiCases(backend),
  ];
}
