import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));

describe('gemm-wasm-bytes.ts', () => {
  // The module is generated from assembly/gemm.ts and committed; a change to the AssemblyScript
  // without `pnpm --filter @torchlet/tensor run build:wasm` fails here (and so in CI).
  it('is what scripts/build-wasm.mjs compiles from assembly/gemm.ts today', () => {
    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(output).toMatch(/is up to date/);
  });
});
