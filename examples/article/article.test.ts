import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs one article example as a user would, and returns what it printed. */
function run(file: string): string {
  return execFileSync(tsx, [`article/${file}`], {
    cwd: examplesDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The same programs run in PyTorch 1.13 (fixtures/gen-torch-outputs.py): lines they print. */
const torchOutputs = JSON.parse(
  readFileSync(new URL('./fixtures/torch-outputs.json', import.meta.url), 'utf8'),
) as {
  outputs: Record<string, string[]>;
};

describe('the article examples print what PyTorch prints for the same program and seed', () => {
  for (const name of ['single-layer', 'forward-pass', 'adamw-loop', 'training-loop']) {
    it(`${name}.ts`, () => {
      const out = run(`${name}.ts`);
      for (const line of torchOutputs.outputs[name]) expect(out).toContain(line);
    });
  }

  it('vanishing-gradients.ts measures the vanishing gradient with autograd', () => {
    const out = run('vanishing-gradients.ts');
    const norm = (label: string) =>
      Number(new RegExp(`${label} layers: +([0-9.e+-]+)`).exec(out)![1]);
    expect(norm('sigmoid')).toBeGreaterThan(0);
    expect(norm('sigmoid')).toBeLessThan(1e-4);
    expect(norm('ReLU')).toBeGreaterThan(1e-2);
  });
});

describe('the article examples print what the article prints', () => {
  it('three-layer-net.ts', () => {
    const out = run('three-layer-net.ts');
    expect(out).toContain('Total parameters: 2,499');
    expect(out).toContain('fc1.weight  [64, 4]');
    expect(out).toContain('(fc3): Linear(in_features=32, out_features=3, bias=True)');
  });

  it('activations.ts', () => {
    const out = run('activations.ts');
    // Both rows checked against torch 1.13: F.gelu(x) and F.gelu(x, approximate='tanh').
    expect(out).toContain('GELU:    [-0.046, -0.159, 0, 0.841, 1.954]');
    expect(out).toContain('GELU (tanh approximation): [-0.045, -0.159, 0, 0.841, 1.955]');
    expect(out).toContain('ReLU:    [0, 0, 0, 1, 2]');
  });

  it('swiglu-ffn.ts', () => {
    const out = run('swiglu-ffn.ts');
    expect(out).toContain('hidden size: 1365');
    expect(out).toContain('parameters: 2,096,640');
    expect(out).toContain('output shape: [8, 32, 512]');
  });

  it('forward-pass.ts', () => {
    const out = run('forward-pass.ts');
    expect(out).toContain('logits shape: [8, 3]');
    expect(out).toMatch(/loss: \d+\.\d{4}/);
    for (const name of ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']) {
      expect(out).toMatch(
        new RegExp(`${name.replace('.', '\\.')} +grad shape \\[[0-9, ]+\\] +norm \\d+\\.\\d{4}`),
      );
    }
  });

  it('chain-rule.ts', () => {
    expect(run('chain-rule.ts')).toBe('loss = -12\nx.grad = -12\n');
  });
});
