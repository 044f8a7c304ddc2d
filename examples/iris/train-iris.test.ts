import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('examples/iris', () => {
  it('learns the three species from 120 flowers and classifies the 30 held out', () => {
    const out = execFileSync(tsx, ['iris/train-iris.ts'], {
      cwd: examplesDir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const accuracy = Number(/test accuracy ([0-9.]+)%/.exec(out)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(90);
    const losses = [...out.matchAll(/train loss ([0-9.]+)/g)].map((m) => Number(m[1]));
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 5);
  });
});
