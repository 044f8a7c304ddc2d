import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { atomicWriteFile } from './atomic-write-file';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const leftovers = () => readdirSync(dir).filter((f) => f.includes('.tmp-'));

describe('atomicWriteFile', () => {
  it('writes the file, creating parent directories, and leaves no temporary file', async () => {
    const path = join(dir, 'nested', 'deeper', 'a.txt');
    await atomicWriteFile(path, 'hello');
    expect(readFileSync(path, 'utf8')).toBe('hello');
    await atomicWriteFile(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['a.txt']);
  });

  it('keeps the previous file when the process dies before the rename', async () => {
    const path = join(dir, 'ckpt.bin');
    writeFileSync(path, 'previous checkpoint');
    vi.spyOn(fs.promises, 'rename').mockRejectedValueOnce(new Error('killed before rename'));
    await expect(atomicWriteFile(path, 'new checkpoint')).rejects.toThrow('killed before rename');
    expect(readFileSync(path, 'utf8')).toBe('previous checkpoint');
    expect(leftovers()).toEqual([]);
  });

  it('keeps the previous file when a write fails halfway', async () => {
    const path = join(dir, 'torn.bin');
    writeFileSync(path, 'previous checkpoint');
    // FileHandle is not exported; reach its prototype through a handle.
    const probe = await fs.promises.open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as {
      write: (...args: unknown[]) => Promise<unknown>;
    };
    await probe.close();
    const realWrite = proto.write;
    vi.spyOn(proto, 'write').mockImplementationOnce(async function (
      this: unknown,
      ...args: unknown[]
    ) {
      const [buffer] = args as [Uint8Array];
      await realWrite.call(this, buffer, 0, Math.floor(buffer.length / 2), 0);
      throw new Error('disk full halfway');
    });
    const big = new Uint8Array(1 << 16).fill(7);
    await expect(atomicWriteFile(path, big)).rejects.toThrow('disk full halfway');
    expect(readFileSync(path, 'utf8')).toBe('previous checkpoint');
    expect(leftovers()).toEqual([]);
  });

  it('leaves the target alone when only a stale temporary file exists (a crash before rename)', async () => {
    const path = join(dir, 'stale.bin');
    writeFileSync(path, 'good');
    writeFileSync(`${path}.tmp-999-abc`, 'half of a new fi');
    expect(readFileSync(path, 'utf8')).toBe('good');
    await atomicWriteFile(path, 'better');
    expect(readFileSync(path, 'utf8')).toBe('better');
    rmSync(`${path}.tmp-999-abc`);
  });
});
