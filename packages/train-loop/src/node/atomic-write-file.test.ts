import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { atomicWriteFile } from './atomic-write-file';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

// A pid above Linux's maximum (2^22): no process has it.
const DEAD_PID = 2 ** 22 + 12345;

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
    writeFileSync(`${path}.tmp-${DEAD_PID}-abc`, 'half of a new fi');
    expect(readFileSync(path, 'utf8')).toBe('good');
    await atomicWriteFile(path, 'better');
    expect(readFileSync(path, 'utf8')).toBe('better');
  });

  it("removes the temporary files crashed writes of the same path left, and nobody else's", async () => {
    const sub = join(dir, 'orphans');
    fs.mkdirSync(sub);
    const path = join(sub, 'last.safetensors');
    const orphans = [
      `last.safetensors.tmp-${DEAD_PID}-k3j9x0q1`, // a process that is gone
      `last.safetensors.tmp-${process.pid}-zz`, // an earlier process with our pid (containers)
    ];
    const others = [
      `last.safetensors.tmp-${process.ppid}-k3j9x0q1`, // a live process may be writing it
      'last.safetensors.tmp-notes', // not our pattern
      `last.safetensors.tmp-${DEAD_PID}-ABC`, // not our pattern (upper case)
      `best.safetensors.tmp-${DEAD_PID}-k3j9x0q1`, // another target
      `xlast.safetensors.tmp-${DEAD_PID}-k3j9x0q1`, // another target
      'last.safetensors.bak',
    ];
    for (const name of [...orphans, ...others]) writeFileSync(join(sub, name), 'x');
    await atomicWriteFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(sub).sort()).toEqual(['last.safetensors', ...others].sort());
  });

  it('never removes the temporary file of a concurrent save of the same path', async () => {
    const sub = join(dir, 'concurrent');
    const path = join(sub, 'ckpt.bin');
    // Hold the second file flush until the first save (rename and cleanup included) is done.
    const probe = await fs.promises.open(join(dir, 'probe2'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const realSync = proto.sync;
    let fileSyncs = 0;
    let firstDone: Promise<unknown> = Promise.resolve();
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: {
      stat: () => Promise<fs.Stats>;
    }) {
      if (!(await this.stat()).isDirectory() && ++fileSyncs === 2) await firstDone;
      return realSync.call(this);
    });
    const saves = [atomicWriteFile(path, 'one'), atomicWriteFile(path, 'two')];
    firstDone = Promise.race(saves);
    await expect(Promise.all(saves)).resolves.toEqual([undefined, undefined]);
    expect(fileSyncs).toBe(2);
    expect(['one', 'two']).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(sub)).toEqual(['ckpt.bin']);
  });
});
