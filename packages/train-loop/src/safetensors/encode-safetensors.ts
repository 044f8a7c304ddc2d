import { formatShape, numel, Tensor, type DType, type TypedArray } from '@torchlet/tensor';
import { littleEndian } from './little-endian';
import { safetensorsDType } from './safetensors-dtype';

/**
 * Raw tensor data for {@link encodeSafetensors}, for values already read back from a device.
 *
 * @example
 * ```ts
 * encodeSafetensors({ w: { dtype: 'float32', shape: [2], data: await w.data() } });
 * ```
 */
export interface SafetensorsEntry {
  /** The element type (`F32`, `F64`, `I32` or `BOOL` in the file). */
  dtype: DType;
  /** The size of each dim. */
  shape: readonly number[];
  /** Row-major elements; its length must be the product of `shape`. */
  data: TypedArray;
}

interface Prepared {
  name: string;
  dtype: DType;
  shape: number[];
  data: TypedArray;
  bytes: number;
}

const encoder = new TextEncoder();

/**
 * Serialises tensors to the safetensors format, in memory (works in browsers too): an 8-byte
 * little-endian header length, a JSON header `{ name: { dtype, shape, data_offsets } }` with an
 * optional `__metadata__` of string values, padded with spaces to 8-byte alignment, then the raw
 * little-endian data. Tensors are laid out widest dtype first, so every tensor starts at an
 * offset that is a multiple of its element size (readers can map them without copying).
 *
 * Tensors are read with `dataSync()` (CPU); for device tensors read them with `await t.data()`
 * and pass {@link SafetensorsEntry} objects, as {@link saveSafetensors} does.
 *
 * @example
 * ```ts
 * const bytes = encodeSafetensors({ 'fc1.weight': w, 'fc1.bias': b }, { step: '100' });
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * ```
 */
export function encodeSafetensors(
  tensors: Readonly<Record<string, Tensor | SafetensorsEntry>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new TypeError(
        `encodeSafetensors: metadata value for "${key}" must be a string, got ${typeof value}; ` +
          'encode it with JSON.stringify',
      );
    }
  }
  const prepared = Object.entries(tensors).map(([name, value]) => prepare(name, value));
  // A stable sort by element size keeps every tensor aligned to its own width.
  prepared.sort((a, b) => b.bytes - a.bytes);

  // No prototypes: a tensor or metadata key named __proto__ must stay an ordinary key.
  const header: Record<string, unknown> = Object.create(null);
  if (Object.keys(metadata).length > 0) {
    header.__metadata__ = Object.assign(Object.create(null), metadata);
  }
  let offset = 0;
  for (const p of prepared) {
    const size = p.data.length * p.bytes;
    header[p.name] = {
      dtype: safetensorsDType.of(p.dtype),
      shape: p.shape,
      data_offsets: [offset, offset + size],
    };
    offset += size;
  }
  const json = encoder.encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);

  let at = 8 + headerLength;
  for (const p of prepared) {
    writeData(out, view, at, p);
    at += p.data.length * p.bytes;
  }
  return out;
}

function prepare(name: string, value: Tensor | SafetensorsEntry): Prepared {
  if (name === '' || name === '__metadata__') {
    throw new RangeError(`encodeSafetensors: "${name}" cannot be a tensor name`);
  }
  let dtype: DType;
  let shape: number[];
  let data: TypedArray;
  if (value instanceof Tensor) {
    dtype = value.dtype;
    shape = [...value.shape];
    data = value.dataSync();
  } else if (value !== null && typeof value === 'object' && ArrayBuffer.isView(value.data)) {
    dtype = value.dtype;
    shape = [...value.shape];
    data = value.data;
  } else {
    throw new TypeError(
      `encodeSafetensors: "${name}" must be a Tensor or { dtype, shape, data }, got ${typeof value}`,
    );
  }
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`encodeSafetensors: "${name}" has an invalid shape ${formatShape(shape)}`);
  }
  if (data.length !== numel(shape)) {
    throw new RangeError(
      `encodeSafetensors: "${name}" has ${data.length} values for shape ${formatShape(shape)}`,
    );
  }
  const info = safetensorsDType.info(safetensorsDType.of(dtype));
  if (info === undefined) throw new TypeError(`encodeSafetensors: unsupported dtype ${dtype}`);
  return { name, dtype, shape, data, bytes: info.bytes };
}

function writeData(out: Uint8Array, view: DataView, at: number, p: Prepared): void {
  const { data, dtype } = p;
  if (dtype === 'bool') {
    for (let i = 0; i < data.length; i++) out[at + i] = data[i] ? 1 : 0;
    return;
  }
  const expected =
    dtype === 'float32' ? Float32Array : dtype === 'float64' ? Float64Array : Int32Array;
  if (littleEndian && data instanceof expected) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    return;
  }
  // Big-endian host, or values given in another array type: write element by element.
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (dtype === 'float32') view.setFloat32(at + 4 * i, v, true);
    else if (dtype === 'float64') view.setFloat64(at + 8 * i, v, true);
    else view.setInt32(at + 4 * i, v, true);
  }
}
