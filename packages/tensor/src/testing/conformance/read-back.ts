import type { Backend } from '../../backend';
import type { DType, TypedArray } from '../../dtype';
import { sameValue } from './same-value';

const arrayTypes: Record<DType, string> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  int32: 'Int32Array',
  bool: 'Uint8Array',
};

/** Reads a buffer with `read` (and `readSync` when present, which must agree). */
export async function readBack<B>(
  backend: Backend<B>,
  buffer: B,
  dtype: DType,
  label: string,
): Promise<TypedArray> {
  const got = await backend.read(buffer, dtype);
  const typeName = got?.constructor?.name;
  if (typeName !== arrayTypes[dtype]) {
    throw new Error(
      `${label}: read(…, '${dtype}') returned ${String(typeName)}, expected ${arrayTypes[dtype]}`,
    );
  }
  if (backend.readSync !== undefined) {
    const sync = backend.readSync(buffer, dtype);
    if (sync.length !== got.length) {
      throw new Error(
        `${label}: readSync returned ${sync.length} elements but read returned ${got.length}`,
      );
    }
    for (let i = 0; i < got.length; i++) {
      if (!sameValue(sync[i], got[i])) {
        throw new Error(
          `${label}: readSync gives ${sync[i]} at element ${i} but read gives ${got[i]}`,
        );
      }
    }
  }
  return got;
}
