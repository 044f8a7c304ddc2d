import { Buffer } from 'node:buffer';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors';
import { encodeSafetensors } from './encode-safetensors';

/** A file with every dtype the reader knows: ours (F32, F64, I32, BOOL) and PyTorch's F16, BF16, I64. */
function everyDtypeFile(): Uint8Array {
  const json = JSON.stringify({
    __metadata__: { format: 'pt' },
    d: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
    q: { dtype: 'I64', shape: [3], data_offsets: [16, 40] },
    w: { dtype: 'F32', shape: [2, 2], data_offsets: [40, 56] },
    i: { dtype: 'I32', shape: [2], data_offsets: [56, 64] },
    h: { dtype: 'F16', shape: [4], data_offsets: [64, 72] },
    b: { dtype: 'BF16', shape: [3], data_offsets: [72, 78] },
    m: { dtype: 'BOOL', shape: [3], data_offsets: [78, 81] },
  });
  const bytes = new Uint8Array(8 + json.length + 81);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, json.length, true);
  bytes.set(new TextEncoder().encode(json), 8);
  const at = 8 + json.length;
  view.setFloat64(at, Math.PI, true);
  view.setFloat64(at + 8, -1e300, true);
  [-2n, 123456789n, 2147483647n].forEach((v, k) => view.setBigInt64(at + 16 + 8 * k, v, true));
  [1.5, -2.25, 1e-30, 65504].forEach((v, k) => view.setFloat32(at + 40 + 4 * k, v, true));
  [-7, 2147483647].forEach((v, k) => view.setInt32(at + 56 + 4 * k, v, true));
  [0x3c00, 0xc000, 0x0001, 0x7c00].forEach((v, k) => view.setUint16(at + 64 + 2 * k, v, true));
  [0x3f80, 0xc040, 0x4049].forEach((v, k) => view.setUint16(at + 72 + 2 * k, v, true));
  [1, 0, 1].forEach((v, k) => view.setUint8(at + 78 + k, v));
  return bytes;
}

const expected: Record<string, { dtype: string; shape: number[]; values: number[] }> = {
  d: { dtype: 'float64', shape: [2], values: [Math.PI, -1e300] },
  q: { dtype: 'int32', shape: [3], values: [-2, 123456789, 2147483647] },
  w: { dtype: 'float32', shape: [2, 2], values: [1.5, -2.25, Math.fround(1e-30), 65504] },
  i: { dtype: 'int32', shape: [2], values: [-7, 2147483647] },
  h: { dtype: 'float32', shape: [4], values: [1, -2, 2 ** -24, Infinity] },
  b: { dtype: 'float32', shape: [3], values: [1, -3, 3.140625] },
  m: { dtype: 'bool', shape: [3], values: [1, 0, 1] },
};

function expectEveryDtype(tensors: Record<string, Tensor>): void {
  expect(Object.keys(tensors)).toEqual(['d', 'q', 'w', 'i', 'h', 'b', 'm']);
  for (const [name, want] of Object.entries(expected)) {
    expect(tensors[name].dtype, name).toBe(want.dtype);
    expect(tensors[name].shape, name).toEqual(want.shape);
    expect(Array.from(tensors[name].dataSync()), name).toEqual(want.values);
  }
}

/** The same bytes inside a larger buffer, starting `offset` bytes in, with junk around them. */
function atOffset(bytes: Uint8Array, offset: number): Uint8Array {
  const backing = new Uint8Array(offset + bytes.length + 5).fill(0xa5);
  backing.set(bytes, offset);
  return backing.subarray(offset, offset + bytes.length);
}

describe('decodeSafetensors', () => {
  it('reads every dtype from a Uint8Array of its own', () => {
    expectEveryDtype(decodeSafetensors(everyDtypeFile()).tensors);
  });

  it.each([1, 3, 4, 8, 13])(
    'reads every dtype from a view at byte offset %i of a larger buffer',
    (offset) => {
      const view = atOffset(everyDtypeFile(), offset);
      expect(view.byteOffset).toBe(offset);
      const { tensors, metadata } = decodeSafetensors(view);
      expect(metadata).toEqual({ format: 'pt' });
      expectEveryDtype(tensors);
    },
  );

  it('reads every dtype from a Node Buffer (a view into a shared pool)', () => {
    const file = everyDtypeFile();
    // Buffer.from copies into the shared allocation pool: a non-zero byteOffset, and a
    // Buffer's slice() is a view, not a copy.
    Buffer.alloc(3); // move the pool position off 8-byte alignment
    const buffer = Buffer.from(file);
    expect(buffer.buffer.byteLength).toBeGreaterThan(buffer.length);
    expectEveryDtype(decodeSafetensors(buffer).tensors);
    const padded = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(file)]).subarray(3);
    expectEveryDtype(decodeSafetensors(padded).tensors);
  });

  it('gives tensors that own their data, not views of the file', () => {
    const bytes = atOffset(encodeSafetensors({ w: tensor([1, 2, 3]) }), 4);
    const { tensors } = decodeSafetensors(bytes);
    bytes.fill(0);
    expect(tensors.w.toArray()).toEqual([1, 2, 3]);
  });

  it('rejects a header that names a tensor twice', () => {
    const json =
      '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},' +
      '"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    const bytes = new Uint8Array(8 + json.length + 8);
    new DataView(bytes.buffer).setUint32(0, json.length, true);
    bytes.set(new TextEncoder().encode(json), 8);
    expect(() => decodeSafetensors(bytes)).toThrow(
      'decodeSafetensors: the header names "a" twice (at the top level); each key may appear once',
    );
  });

  it('rejects duplicate keys written with different escapes, and inside __metadata__ or an entry', () => {
    const file = (json: string) => {
      const bytes = new Uint8Array(8 + json.length + 4);
      new DataView(bytes.buffer).setUint32(0, json.length, true);
      bytes.set(new TextEncoder().encode(json), 8);
      return bytes;
    };
    expect(() =>
      decodeSafetensors(
        file(
          '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},' +
            '"\\u0077":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
        ),
      ),
    ).toThrow('the header names "w" twice (at the top level)');
    expect(() =>
      decodeSafetensors(
        file(
          '{"__metadata__":{"step":"1","step":"2"},' +
            '"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
        ),
      ),
    ).toThrow('the header names "step" twice (in "__metadata__")');
    expect(() =>
      decodeSafetensors(file('{"w":{"dtype":"F32","shape":[1],"shape":[1],"data_offsets":[0,4]}}')),
    ).toThrow('the header names "shape" twice (in "w")');
  });

  it('round-trips tensors and metadata named __proto__ and constructor', () => {
    const tensors: Record<string, Tensor> = Object.create(null);
    tensors['__proto__'] = tensor([1, 2]);
    tensors['constructor'] = tensor([3]);
    tensors['toString'] = tensor([4], { dtype: 'float64' });
    const metadata: Record<string, string> = Object.create(null);
    metadata['__proto__'] = 'p';
    metadata['constructor'] = 'c';
    const back = decodeSafetensors(encodeSafetensors(tensors, metadata));
    expect(Object.keys(back.tensors).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(back.tensors['__proto__'].toArray()).toEqual([1, 2]);
    expect(back.tensors['constructor'].toArray()).toEqual([3]);
    expect(back.tensors['toString'].toArray()).toEqual([4]);
    expect(Object.keys(back.metadata).sort()).toEqual(['__proto__', 'constructor']);
    expect(back.metadata['__proto__']).toBe('p');
    expect(back.metadata['constructor']).toBe('c');
    // A name that is not in the file is absent, not something inherited.
    expect(back.tensors['hasOwnProperty']).toBeUndefined();
    expect('valueOf' in back.tensors).toBe(false);
  });
});
