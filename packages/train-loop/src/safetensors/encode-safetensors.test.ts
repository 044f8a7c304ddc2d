import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors';
import { encodeSafetensors } from './encode-safetensors';

function headerOf(bytes: Uint8Array): { length: number; text: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  return { length, text: new TextDecoder().decode(bytes.subarray(8, 8 + length)) };
}

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips every dtype, 0-d and empty tensors, and string metadata', () => {
    const tensors = {
      'fc1.weight': tensor([
        [1.5, -2.25, 3],
        [0.1, 1e-30, -0],
      ]),
      'fc1.bias': tensor([Math.PI, Math.E], { dtype: 'float64' }),
      count: tensor(Int32Array.from([-7, 0, 2147483647])),
      mask: tensor([true, false, true]),
      scalar: tensor(4.5),
      empty: tensor(new Float32Array(0)).reshape([0, 3]),
    };
    const bytes = encodeSafetensors(tensors, { step: '100', note: 'é ✓' });
    const { tensors: back, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({ step: '100', note: 'é ✓' });
    expect(Object.keys(back).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      expect(back[name].dtype, name).toBe(t.dtype);
      expect(back[name].shape, name).toEqual(t.shape);
      expect(Array.from(back[name].dataSync()), name).toEqual(Array.from(t.dataSync()));
    }
    // Bit for bit, including the sign of -0.
    expect(Object.is(back['fc1.weight'].dataSync()[5], -0)).toBe(true);
  });

  it('writes the layout of the spec: u64 LE header length, JSON padded with spaces to 8 bytes', () => {
    const bytes = encodeSafetensors({ a: tensor([1, 2, 3]) }, { k: 'v' });
    const { length, text } = headerOf(bytes);
    expect(length % 8).toBe(0);
    expect(text.trimEnd()).toBe(
      '{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}',
    );
    expect(/^[^ ]* *$/.test(text.slice(text.lastIndexOf('}')))).toBe(true);
    expect(bytes.length).toBe(8 + length + 12);
    const data = new DataView(bytes.buffer, 8 + length);
    expect([0, 4, 8].map((o) => data.getFloat32(o, true))).toEqual([1, 2, 3]);
  });

  it('lays tensors out widest dtype first, so every tensor is aligned to its element size', () => {
    const bytes = encodeSafetensors({
      flag: tensor([true]),
      w: tensor([1, 2, 3]),
      d: tensor([1], { dtype: 'float64' }),
    });
    const header = JSON.parse(headerOf(bytes).text) as Record<string, { data_offsets: number[] }>;
    expect(header.d.data_offsets).toEqual([0, 8]);
    expect(header.w.data_offsets).toEqual([8, 20]);
    expect(header.flag.data_offsets).toEqual([20, 21]);
  });

  it('reads a file built by hand, as another writer would produce it', () => {
    const json = '{"x":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}';
    const padded = json.padEnd(Math.ceil(json.length / 8) * 8, ' ');
    const bytes = new Uint8Array(8 + padded.length + 8);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, padded.length, true);
    bytes.set(new TextEncoder().encode(padded), 8);
    view.setInt32(8 + padded.length, -5, true);
    view.setInt32(12 + padded.length, 9, true);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({});
    expect(tensors.x.dtype).toBe('int32');
    expect(tensors.x.toArray()).toEqual([-5, 9]);
  });

  it('widens F16 and BF16 to float32 and narrows I64 to int32', () => {
    const json = JSON.stringify({
      h: { dtype: 'F16', shape: [4], data_offsets: [0, 8] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [8, 12] },
      q: { dtype: 'I64', shape: [2], data_offsets: [12, 28] },
    });
    const bytes = new Uint8Array(8 + json.length + 28);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, json.length, true);
    bytes.set(new TextEncoder().encode(json), 8);
    const at = 8 + json.length;
    [0x3c00, 0xc000, 0x0001, 0x7c00].forEach((h, i) => view.setUint16(at + 2 * i, h, true));
    view.setUint16(at + 8, 0x3f80, true); // 1.0
    view.setUint16(at + 10, 0xc040, true); // -3.0
    view.setBigInt64(at + 12, -2n, true);
    view.setBigInt64(at + 20, 123456789n, true);
    const { tensors } = decodeSafetensors(bytes);
    expect(tensors.h.toArray()).toEqual([1, -2, 2 ** -24, Infinity]);
    expect(tensors.b.toArray()).toEqual([1, -3]);
    expect(tensors.q.dtype).toBe('int32');
    expect(tensors.q.toArray()).toEqual([-2, 123456789]);
  });

  it('rejects metadata values that are not strings', () => {
    expect(() => encodeSafetensors({}, { step: 3 as unknown as string })).toThrow(
      'encodeSafetensors: metadata value for "step" must be a string, got number',
    );
  });

  it('reports truncated and corrupt files instead of reading past them', () => {
    const bytes = encodeSafetensors({ a: tensor([1, 2, 3, 4]) });
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
    expect(() => decodeSafetensors(bytes.subarray(0, 20))).toThrow(/header length \d+ exceeds/);
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(/fewer than the 8-byte/);
    const extra = new Uint8Array(bytes.length + 4);
    extra.set(bytes);
    expect(() => decodeSafetensors(extra)).toThrow(/stray bytes/);
    const garbled = bytes.slice();
    garbled[9] = 0x7b; // '{{' is not JSON
    expect(() => decodeSafetensors(garbled)).toThrow(/not valid UTF-8 JSON/);
  });

  it('rejects headers whose byte ranges do not match the shapes', () => {
    const json = '{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}';
    const bytes = new Uint8Array(8 + json.length + 8);
    new DataView(bytes.buffer).setUint32(0, json.length, true);
    bytes.set(new TextEncoder().encode(json), 8);
    expect(() => decodeSafetensors(bytes)).toThrow(
      'decodeSafetensors: tensor "a" (F32 [3]) needs 12 bytes but data_offsets span 8',
    );
  });
});
