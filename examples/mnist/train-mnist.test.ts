import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('examples/mnist', () => {
  it('the 784-256-256-10 MLP reaches at least 94% test accuracy and reports its training time', () => {
    const out = execFileSync(tsx, ['mnist/train-mnist.ts'], {
      cwd: examplesDir,
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(out).toContain('train 8000 digits, test 2000 digits');
    const accuracy = Number(/test accuracy ([0-9.]+)%/.exec(out)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(94);
    expect(out).toMatch(/training took \d+\.\d s/);
  }, 600_000);
});
