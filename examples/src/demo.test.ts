import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const out = (file: string) => fileURLToPath(new URL(`../out/${file}`, import.meta.url));

describe('pnpm demo', () => {
  it('trains with progress lines, learns, and writes the loss-curve SVG and a checkpoint', () => {
    rmSync(out('loss-curve.svg'), { force: true });
    rmSync(out('net.safetensors'), { force: true });
    const text = execFileSync(tsx, ['src/demo.ts'], {
      cwd: examplesDir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = text.split('\n').filter((l) => /^step +\d+ \| train loss/.test(l));
    expect(lines.map((l) => Number(/^step +(\d+)/.exec(l)![1]))).toEqual([
      0, 100, 200, 300, 400, 499,
    ]);
    expect(lines[0]).toMatch(
      /^step {4}0 \| train loss \d\.\d{4} \| val loss \d\.\d{4} \| val acc \d\.\d{3} \| lr 0\.00e\+00$/,
    );
    const valLoss = lines.map((l) => Number(/val loss ([0-9.]+)/.exec(l)![1]));
    expect(valLoss[valLoss.length - 1]).toBeLessThan(valLoss[0] * 0.5);
    const svg = readFileSync(out('loss-curve.svg'), 'utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(existsSync(out('net.safetensors'))).toBe(true);
  });
});
