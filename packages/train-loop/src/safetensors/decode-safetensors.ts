import { formatShape, numel, tensor, type Tensor, type TypedArray } from '@torchlet/tensor';
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
  /** Tensors by name, in the header's order. */
  tensors: Record<string, Tensor>;
  /** The header's `__metadata__` (string values only), or `{}`. */
  metadata: Record<string, string>;
}

// Same cap as the reference implementation, so a corrupt length cannot make us allocate gigabytes.
const MAX_HEADER_BYTES = 100_000_000;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a safetensors file held in memory (works in browsers too). Everything is checked
 * before a tensor is built: the header length against the file size, the JSON, each dtype,
 * shape and byte range, and that the tensors tile the data section exactly (a truncated file is
 * reported, not half read). F16/BF16 are widened to float32 and I64 narrowed to int32.
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
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new SyntaxError(
      `decodeSafetensors: the header is not valid UTF-8 JSON (${(error as Error).message})`,
    );
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new TypeError('decodeSafetensors: the header must be a JSON object');
  }

  const metadata: Record<string, string> = {};
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

  const tensors: Record<string, Tensor> = {};
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

/** Copies little-endian bytes into a fresh (aligned) typed array of the torchlet dtype. */
function convert(name: string, dtype: string, raw: Uint8Array): TypedArray {
  const copy = raw.slice();
  const view = new DataView(copy.buffer);
  switch (dtype) {
    case 'F32':
      return littleEndian
        ? new Float32Array(copy.buffer)
        : mapView(Float32Array, 4, (i) => view.getFloat32(i, true), copy);
    case 'F64':
      return littleEndian
        ? new Float64Array(copy.buffer)
        : mapView(Float64Array, 8, (i) => view.getFloat64(i, true), copy);
    case 'I32':
      return littleEndian
        ? new Int32Array(copy.buffer)
        : mapView(Int32Array, 4, (i) => view.getInt32(i, true), copy);
    case 'BOOL':
      return copy.map((v) => (v ? 1 : 0));
    case 'F16':
      return mapView(Float32Array, 2, (i) => halfToFloat(view.getUint16(i, true)), copy);
    case 'BF16':
      return mapView(Float32Array, 2, (i) => bfloat16ToFloat(view.getUint16(i, true)), copy);
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
        copy,
      );
    default:
      throw new TypeError(`decodeSafetensors: unsupported dtype ${dtype}`);
  }
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
