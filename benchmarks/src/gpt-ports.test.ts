import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { attentionData } from './attention-case';
import { tfjsAttention } from './attention-tfjs';
import { torchletAttention } from './attention-torchlet';
import { maxAbsDiff } from './expect-close';
import { gptData, gptParams, type GptCase } from './gpt-case';
import { composedCausal, Gpt } from './gpt-model';
import { tfjsGptTrainer } from './gpt-tfjs';
import { torchletGptTrainer } from './gpt-torchlet';
import type { TorchletTrainer } from './train-step-torchlet';

// The benchmark's GPT at a size a test can train, without biases (as benchmarked) and with:
// PyTorch's losses come from fixtures/gen-gpt-tiny-fixture.py (bench_torch.py's model and step,
// from the weights and batch gptData makes).
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/gpt-tiny-fixture.json', import.meta.url), 'utf8'),
) as { config: GptCase; idx: number[]; targets: number[]; losses: number[] }[];

// TF.js's gradients, which tfjs-core's Node bundle leaves out; vite resolves their ESM imports.
beforeAll(() => import('@tensorflow/tfjs-core/dist/register_all_gradients.js'), 60_000);

describe.each(fixtures)('the GPT benchmark: $config.name', (fixture) => {
  const c = fixture.config;
  const steps = (t: { step(): number }) => fixture.losses.map(() => t.step());

  it('makes the batch the PyTorch fixture was generated from', () => {
    const d = gptData(c);
    expect(Array.from(d.idx)).toEqual(fixture.idx);
    expect(Array.from(d.targets)).toEqual(fixture.targets);
  });

  it('names every parameter of the model once, with the tied lm head', () => {
    const model = new Gpt(c);
    const names = model.namedParameters().map(([n]) => n);
    expect(names).toEqual(gptParams(c).map((p) => p.name));
    expect(names.some((n) => n.endsWith('.bias'))).toBe(c.bias);
    expect(model.lmHead.weight).toBe(model.wte.weight);
    expect(Object.keys(model.stateDict())).toContain('lmHead.weight');
  });

  it.each([
    ['fused', undefined],
    ['composed', composedCausal],
  ])("trains torchlet's step (%s attention) along PyTorch's losses", (_, attention) => {
    const t: TorchletTrainer = torchletGptTrainer(c, gptData(c), { attention });
    const losses = steps(t);
    losses.forEach((l, i) => expect(Math.abs(l - fixture.losses[i])).toBeLessThan(1e-4));
    expect(losses[4]).toBeLessThan(losses[0] - 0.3); // the updates moved the weights
  });

  it("trains the TF.js port along PyTorch's losses", async () => {
    const t = await tfjsGptTrainer('cpu', c, gptData(c));
    try {
      steps(t).forEach((l, i) => expect(Math.abs(l - fixture.losses[i])).toBeLessThan(1e-4));
    } finally {
      t.dispose();
    }
  }, 30_000);
});

describe('the attention benchmark', () => {
  it('gives the same output and gradients fused, composed and in TF.js', async () => {
    const data = attentionData();
    const fused = torchletAttention('fused', data).results();
    const composed = torchletAttention('composed', data).results();
    const tf = await tfjsAttention('cpu', data);
    try {
      const theirs = [tf.forward(), ...tf.forwardBackward()];
      for (let i = 0; i < 4; i++) {
        expect(maxAbsDiff(fused[i], composed[i])).toBeLessThan(1e-5);
        expect(maxAbsDiff(fused[i], theirs[i])).toBeLessThan(1e-5);
      }
      // Causal: the first query sees only the first key, so its output is that key's value.
      expect(Array.from(fused[0].subarray(0, 32))).toEqual(Array.from(data.v.subarray(0, 32)));
    } finally {
      tf.dispose();
    }
  }, 30_000);
});
