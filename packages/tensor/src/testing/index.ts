/**
 * `@torchlet/tensor/testing`: tools for checking a backend against the Backend spec.
 *
 * @example
 * ```ts
 * import { backendConformanceCases } from '@torchlet/tensor/testing';
 * for (const c of backendConformanceCases(myBackend)) it(c.name, c.run);
 * ```
 *
 * @module @torchlet/tensor/testing
 */
export {
  backendConformanceCases,
  conformanceTolerance,
  type ConformanceCase,
  type Tolerance,
} from './backend-conformance';
export {
  parityError,
  parityTensor,
  runParityCase,
  type ParityArray,
  type ParityCase,
  type ParityErrors,
  type ParityTrace,
} from './parity';
