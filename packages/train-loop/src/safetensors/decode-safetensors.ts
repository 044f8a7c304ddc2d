import { formatShape, numel, tensor, type Tensor, type TypedArray } from '@torchlet/tensor';
import { findDuplicateKey } from './find-duplicate-key';
import { littleEndian } from './little-endian';
import { safetensorsDType } from './safetensors-dtype';

/**
 * What {@link decodeSafetensors} and {@link loadSafetensors} return.
 *
 * @example
 * ```ts
 * const { tensors, metadata }: SafetensorsContents = await loadSafetensors('model.safetensors');
 * ```
 */
export interface SafetensorsContents {
  /**
   * Tensors by name, in the header's order. The record has no prototype, so every name
   * (`__proto__` and `constructor` too) is a plain key and a name not in the file is undefined.
   */
  tensors: Record<string, Tensor>;
  /** The header's `__metadata__` (string values only), or an empty record; no prototype either. */
  metadata: Record<string, string>;
}

// Same cap as the reference implementation, so a corrupt length cannot make us allocate gigabytes.
const MAX_HEADER_BYTES = 100_000_000;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a safetensors file held in memory (works in browsers too). Everything is checked
 * before a tensor is built: the header length against the file size, the JSON, each dtype,
 * shape and byte range, and that the tensors tile the data section exactly (a truncated file is
 * reported, not half read), and a key repeated in the header is an error rather than silently
 * the last one. F16/BF16 are widened to float32 and I64 narrowed to int32. `bytes` may be a Node
 * `Buffer` or any view into a larger buffer; the tensors get copies of their data.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(new Uint8Array(await file.arrayBuffer()));
 * tensors['fc1.weight'].shape; // [64, 16]
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError('decodeSafetensors: expected a Uint8Array');
  }
  if (bytes.length < 8) {
    throw new RangeError(
      `decodeSafetensors: the file has ${bytes.length} bytes, fewer than the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8) {
    throw new RangeError(
      `decodeSafetensors: header length ${headerLength} exceeds the file (${bytes.length} bytes); ` +
        'the file is truncated or not in safetensors format',
    );
  }
  let header: unknown;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(8, 8 + headerLength));
    header = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(
      `decodeSafetensors: the header is not valid UTF-8 JSON (${(error as Error).message})`,
    );
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new TypeError('decodeSafetensors: the header must be a JSON object');
  }
  // JSON.parse keeps the last of repeated keys; another reader may keep the first.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const where =
      duplicate.parent === null ? 'at the top level' : `in ${JSON.stringify(duplicate.parent)}`;
    throw new SyntaxError(
      `decodeSafetensors: the header names ${JSON.stringify(duplicate.key)} twice (${where}); ` +
        'each key may appear once',
    );
  }

  // No prototype: names such as __proto__ or constructor are ordinary keys.
  const metadata: Record<string, string> = Object.create(null);
  const entries: { name: string; dtype: string; shape: number[]; begin: number; end: number }[] =
    [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new TypeError('decodeSafetensors: __metadata__ must be an object of strings');
      }
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') {
          throw new TypeError(`decodeSafetensors: __metadata__.${k} must be a string`);
        }
        metadata[k] = v;
      }
      continue;
    }
    entries.push(readEntry(name, raw));
  }

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const byBegin = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of byBegin) {
    if (e.begin !== expected) {
      throw new RangeError(
        `decodeSafetensors: tensor "${e.name}" starts at byte ${e.begin}, expected ${expected}; ` +
          'tensors must cover the data section without gaps or overlaps',
      );
    }
    expected = e.end;
  }
  if (expected !== dataLength) {
    throw new RangeError(
      `decodeSafetensors: the header describes ${expected} data bytes but the file holds ` +
        `${dataLength}; the file is ${expected > dataLength ? 'truncated' : 'followed by stray bytes'}`,
    );
  }

  const tensors: Record<string, Tensor> = Object.create(null);
  for (const e of entries) {
    const info = safetensorsDType.info(e.dtype)!;
    const raw = bytes.subarray(dataStart + e.begin, dataStart + e.end);
    tensors[e.name] = tensor(convert(e.name, e.dtype, raw), { dtype: info.dtype }).reshape(e.shape);
  }
  return { tensors, metadata };
}

function readEntry(
  name: string,
  raw: unknown,
): { name: string; dtype: string; shape: number[]; begin: number; end: number } {
  const where = `decodeSafetensors: tensor "${name}"`;
  if (raw === null || typeof raw !== 'object') throw new TypeError(`${where} is not an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  const info = typeof dtype === 'string' ? safetensorsDType.info(dtype) : undefined;
  if (info === undefined) {
    throw new TypeError(
      `${where} has dtype ${JSON.stringify(dtype)}; supported: F32, F64, I32, BOOL, F16, BF16, I64`,
    );
  }
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new TypeError(`${where} has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    offsets.some((o) => !Number.isSafeInteger(o) || o < 0) ||
    offsets[1] < offsets[0]
  ) {
    throw new TypeError(`${where} has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  const want = numel(shape) * info.bytes;
  if (end - begin !== want) {
    throw new RangeError(
      `${where} (${dtype} ${formatShape(shape)}) needs ${want} bytes but data_offsets span ${end - begin}`,
    );
  }
  return { name, dtype: dtype as string, shape: shape as number[], begin, end };
}

/**
 * Copies little-endian bytes into a fresh (aligned) typed array of the torchlet dtype. `raw` may
 * be a view at any offset of a larger buffer (a Node Buffer is one), so it is only ever read
 * through its own byteOffset and length, never through `raw.buffer` alone.
 */
function convert(name: string, dtype: string, raw: Uint8Array): TypedArray {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dtype) {
    case 'F32':
      return littleEndian
        ? copyBytes(new Float32Array(raw.byteLength / 4), raw)
        : mapView(Float32Array, 4, (i) => view.getFloat32(i, true), raw);
    case 'F64':
      return littleEndian
        ? copyBytes(new Float64Array(raw.byteLength / 8), raw)
        : mapView(Float64Array, 8, (i) => view.getFloat64(i, true), raw);
    case 'I32':
      return littleEndian
        ? copyBytes(new Int32Array(raw.byteLength / 4), raw)
        : mapView(Int32Array, 4, (i) => view.getInt32(i, true), raw);
    case 'BOOL': {
      const out = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = raw[i] ? 1 : 0;
      return out;
    }
    case 'F16':
      return mapView(Float32Array, 2, (i) => halfToFloat(view.getUint16(i, true)), raw);
    case 'BF16':
      return mapView(Float32Array, 2, (i) => bfloat16ToFloat(view.getUint16(i, true)), raw);
    case 'I64':
      return mapView(
        Int32Array,
        8,
        (i) => {
          const value = view.getInt32(i + 4, true) * 2 ** 32 + view.getUint32(i, true);
          if (value < -(2 ** 31) || value > 2 ** 31 - 1) {
            throw new RangeError(
              `decodeSafetensors: tensor "${name}" (I64) holds ${value}, outside the int32 range ` +
                'that torchlet stores integers in',
            );
          }
          return value;
        },
        raw,
      );
    default:
      throw new TypeError(`decodeSafetensors: unsupported dtype ${dtype}`);
  }
}

/** Copies the bytes into `out` (a fresh array of the same byte length). */
function copyBytes<A extends Float32Array | Float64Array | Int32Array>(out: A, raw: Uint8Array): A {
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(raw);
  return out;
}

function mapView<A extends Float32Array | Float64Array | Int32Array>(
  Ctor: new (n: number) => A,
  width: number,
  read: (byteIndex: number) => number,
  bytes: Uint8Array,
): A {
  const out = new Ctor(bytes.length / width);
  for (let i = 0; i < out.length; i++) out[i] = read(i * width);
  return out;
}

const bf16Scratch = new Uint32Array(1);
const bf16Float = new Float32Array(bf16Scratch.buffer);

function bfloat16ToFloat(bits: number): number {
  bf16Scratch[0] = bits << 16;
  return bf16Float[0];
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
