import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@torchlet/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { findPython } from '../../test-support/find-python';
import { loadSafetensors } from './load-safetensors';
import { saveSafetensors } from './save-safetensors';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-safetensors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const python = findPython();
if (python === null) {
  console.warn(
    'save-safetensors.test: skipping the Python reader checks: no python3 on this machine',
  );
}

// A safetensors reader written with the standard library only, as a second opinion on the format.
const PYTHON_READER = String.raw`
import json, struct, sys
raw = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', raw[:8])
assert (8 + n) % 8 == 0, 'header not padded to 8 bytes'
header_text = raw[8:8 + n].decode('utf-8')
assert header_text.rstrip(' ').endswith('}'), 'header padding must be spaces'
header = json.loads(header_text)
meta = header.pop('__metadata__', {})
assert all(isinstance(v, str) for v in meta.values())
data = raw[8 + n:]
fmt = {'F32': 'f', 'F64': 'd', 'I32': 'i', 'BOOL': '?'}
size = {'F32': 4, 'F64': 8, 'I32': 4, 'BOOL': 1}
out = {'metadata': meta, 'tensors': {}}
end = 0
for name, info in header.items():
    b, e = info['data_offsets']
    count = 1
    for d in info['shape']:
        count *= d
    assert e - b == count * size[info['dtype']], name
    assert b % size[info['dtype']] == 0, name + ' is not aligned'
    values = list(struct.unpack('<%d%s' % (count, fmt[info['dtype']]), data[b:e]))
    out['tensors'][name] = {'dtype': info['dtype'], 'shape': info['shape'], 'values': values}
    end = max(end, e)
assert end == len(data), 'data section is not fully described'
print(json.dumps(out))
`;

// The other direction: Python packs a file by hand and we read it.
const PYTHON_WRITER = String.raw`
import json, struct, sys
values = [0.5, -1.25, 3.0, 1e-3, 2.0, -0.0]
ids = [3, -1]
header = {
  '__metadata__': {'format': 'pt'},
  'w': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, 24]},
  'ids': {'dtype': 'I64', 'shape': [2], 'data_offsets': [24, 40]},
  'h': {'dtype': 'F16', 'shape': [1], 'data_offsets': [40, 42]},
}
text = json.dumps(header)
text += ' ' * (-len(text) % 8)
body = struct.pack('<6f', *values) + struct.pack('<2q', *ids) + struct.pack('<e', 0.333)
open(sys.argv[1], 'wb').write(struct.pack('<Q', len(text)) + text.encode() + body)
`;

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips through a file', async () => {
    const path = join(dir, 'roundtrip.safetensors');
    const w = tensor([
      [1, 2],
      [3, 4],
    ]).T; // a non-contiguous view is written in logical order
    await saveSafetensors(path, { w, n: tensor(Int32Array.from([5])) }, { step: '7' });
    const { tensors, metadata } = await loadSafetensors(path);
    expect(metadata).toEqual({ step: '7' });
    expect(tensors.w.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(tensors.n.toArray()).toEqual([5]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes the values the tensors held at the call, not those they hold when the write ends', async () => {
    const path = join(dir, 'snapshot.safetensors');
    const w = tensor([1, 2, 3]);
    const d = tensor([0.5, 0.25], { dtype: 'float64' });
    const n = tensor(Int32Array.from([4, 5]));
    const m = tensor([true, false]);
    const saving = saveSafetensors(path, { w, d, n, m });
    // Training goes on while the file is written.
    w.fill_(-1);
    d.fill_(-1);
    n.fill_(-1);
    m.fill_(true);
    await saving;
    const { tensors } = await loadSafetensors(path);
    expect(tensors.w.toArray()).toEqual([1, 2, 3]);
    expect(tensors.d.toArray()).toEqual([0.5, 0.25]);
    expect(tensors.n.toArray()).toEqual([4, 5]);
    expect(tensors.m.toArray()).toEqual([true, false]);
  });

  it('names the file when it cannot be read', async () => {
    const path = join(dir, 'broken.safetensors');
    writeFileSync(path, new Uint8Array([1, 2, 3]));
    await expect(loadSafetensors(path)).rejects.toThrow(
      /fewer than the 8-byte .*broken\.safetensors/,
    );
  });

  it.skipIf(python === null)('writes files that a stdlib-only Python reader parses', async () => {
    const path = join(dir, 'for-python.safetensors');
    const weights = {
      'fc1.weight': tensor([
        [0.25, -1.5, 3.75],
        [1e-3, 2, -0.5],
      ]),
      'fc1.bias': tensor([0.125, -8]),
      'optimizer.step': tensor([1.0000001], { dtype: 'float64' }),
      'buf.count': tensor(Int32Array.from([42, -3])),
      'buf.mask': tensor([true, false, true]),
    };
    await saveSafetensors(path, weights, { format: 'pt', step: '100' });
    const parsed = JSON.parse(
      execFileSync(python!, ['-c', PYTHON_READER, path], { encoding: 'utf8' }),
    ) as {
      metadata: Record<string, string>;
      tensors: Record<string, { dtype: string; shape: number[]; values: (number | boolean)[] }>;
    };
    expect(parsed.metadata).toEqual({ format: 'pt', step: '100' });
    expect(Object.keys(parsed.tensors).sort()).toEqual(Object.keys(weights).sort());
    const dtypes = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' } as const;
    for (const [name, t] of Object.entries(weights)) {
      const got = parsed.tensors[name];
      expect(got.dtype, name).toBe(dtypes[t.dtype]);
      expect(got.shape, name).toEqual(t.shape);
      const want = Array.from(t.dataSync(), (v) => (t.dtype === 'bool' ? v === 1 : v));
      expect(got.values, name).toEqual(want);
    }
  });

  it.skipIf(python === null)(
    'reads a file that Python packed by hand (F32, I64, F16)',
    async () => {
      const path = join(dir, 'from-python.safetensors');
      execFileSync(python!, ['-c', PYTHON_WRITER, path]);
      const { tensors, metadata } = await loadSafetensors(path);
      expect(metadata).toEqual({ format: 'pt' });
      expect(tensors.w.shape).toEqual([2, 3]);
      expect(Array.from(tensors.w.dataSync())).toEqual(
        Array.from(Float32Array.from([0.5, -1.25, 3.0, 1e-3, 2.0, -0.0])),
      );
      expect(tensors.ids.toArray()).toEqual([3, -1]);
      expect(tensors.h.item()).toBeCloseTo(0.333, 3);
      expect(readFileSync(path).length).toBeGreaterThan(42);
    },
  );
});
