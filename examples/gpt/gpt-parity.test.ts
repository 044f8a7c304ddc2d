import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  fit,
  manualSeed,
  tensor,
  warmupCosine,
  type History,
  type Tensor,
} from 'torchlet';
import { configureOptimizer } from './configure-optimizer';
import { generate } from './generate';
import { GPT } from './gpt';
import type { GPTConfig } from './gpt-config';

// PyTorch 1.13's trace of a small tied-embedding GPT: gen-gpt-parity.py (rerun it with
// /usr/bin/python3 examples/gpt/gen-gpt-parity.py).
interface Arr {
  dtype: 'float32' | 'int32';
  shape: number[];
  data: number[];
}
interface Fixture {
  chars: string;
  config: GPTConfig;
  train: {
    steps: number;
    lr: number;
    minLr: number;
    warmupSteps: number;
    weightDecay: number;
    betas: [number, number];
    gradClip: number;
  };
  seeds: { generate: number };
  initial: Record<string, Arr>;
  x: Arr;
  y: Arr;
  lrs: number[];
  losses: number[];
  gradNorms: number[];
  final: Record<string, Arr>;
  generate: { prompts: Arr; maxNewTokens: number; temperature: number; topK: number; tokens: Arr };
}
const fx = JSON.parse(
  readFileSync(new URL('./fixtures/gpt-parity.json', import.meta.url), 'utf8'),
) as Fixture;

const load = (a: Arr): Tensor => tensor(a.data, { dtype: a.dtype }).reshape(a.shape);
const loadState = (s: Record<string, Arr>) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, load(v)]));

/** The model with PyTorch's initial weights (the tied lmHead.weight comes with wte.weight). */
function torchInitialModel(): GPT {
  const model = new GPT(fx.config);
  model.loadStateDict(loadState(fx.initial));
  return model;
}

async function trainLikeTorch(model: GPT): Promise<History> {
  const x = load(fx.x);
  const y = load(fx.y);
  const batches = Array.from({ length: fx.train.steps }, (_, i) => [
    x.select(0, i),
    y.select(0, i),
  ]);
  const { lr, minLr, warmupSteps, steps, weightDecay, betas, gradClip } = fx.train;
  return fit({
    model,
    optimizer: configureOptimizer(model, { lr, weightDecay, betas }),
    loss: (logits: Tensor, targets: Tensor) =>
      crossEntropy(logits.view(-1, fx.config.vocabSize), targets.view(-1)),
    train: batches,
    steps,
    scheduler: warmupCosine({ peak: lr, warmupSteps, totalSteps: steps, minLr }),
    clipGradNorm: gradClip,
    progress: false,
  });
}

// Both tests below use the one training run.
let run: Promise<{ model: GPT; history: History }> | undefined;
function trainedModel() {
  run ??= (async () => {
    const model = torchInitialModel();
    return { model, history: await trainLikeTorch(model) };
  })();
  return run;
}

describe('examples/gpt against PyTorch 1.13', () => {
  it('trains 150 AdamW steps with the losses, gradient norms and final weights of PyTorch', async () => {
    const { model, history } = await trainedModel();
    expect(history.train).toHaveLength(fx.train.steps);
    history.train.forEach((row, i) => {
      expect(row.lr).toBeCloseTo(fx.lrs[i], 12);
      expect(Math.abs(row.loss - fx.losses[i])).toBeLessThan(1e-4);
      expect(Math.abs(row.gradNorm - fx.gradNorms[i])).toBeLessThan(
        1e-4 * Math.max(1, fx.gradNorms[i]),
      );
    });
    // The run learns: not a trace of a model that stood still.
    expect(fx.losses[fx.losses.length - 1]).toBeLessThan(fx.losses[0] - 0.4);
    expect(model.lmHead.weight).toBe(model.wte.weight); // still tied after 150 updates
    const state = model.stateDict();
    // The key bias gets a gradient that is zero in exact arithmetic (adding the same q·b to every
    // score of a query leaves its softmax unchanged), so both runs feed rounding noise to Adam,
    // which scales it up to steps of about lr: those entries drift apart, harmlessly.
    const isKeyBias = (name: string, j: number) =>
      name.endsWith('attn.cAttn.bias') && j >= fx.config.nEmbd && j < 2 * fx.config.nEmbd;
    let worst = 0;
    let worstKeyBias = 0;
    for (const [name, ref] of Object.entries(fx.final)) {
      expect(state[name].shape, name).toEqual(ref.shape);
      const got = state[name].dataSync();
      ref.data.forEach((v, j) => {
        const diff = Math.abs(got[j] - v);
        if (isKeyBias(name, j)) worstKeyBias = Math.max(worstKeyBias, diff);
        else worst = Math.max(worst, diff);
      });
    }
    const lossError = Math.max(...history.train.map((row, i) => Math.abs(row.loss - fx.losses[i])));
    console.log(
      `gpt parity: max loss error ${lossError.toExponential(2)}, final weights ${worst.toExponential(2)} ` +
        `(key bias ${worstKeyBias.toExponential(2)})`,
    );
    expect(worst).toBeLessThan(1e-5);
    expect(worstKeyBias).toBeLessThan(1e-3);
  });

  it('samples the same tokens as torch.multinomial after the same seed (top-k, temperature, crop)', () => {
    const model = new GPT(fx.config);
    model.loadStateDict(loadState(fx.final));
    const { prompts, maxNewTokens, temperature, topK, tokens } = fx.generate;
    expect(prompts.shape[1] + maxNewTokens).toBeGreaterThan(fx.config.blockSize); // crops
    manualSeed(fx.seeds.generate);
    const out = generate(model, load(prompts), maxNewTokens, { temperature, topK });
    expect(out.shape).toEqual(tokens.shape);
    expect(Array.from(out.dataSync())).toEqual(tokens.data);
  });

  it('samples the same tokens from the weights it trained itself', async () => {
    const { model } = await trainedModel();
    const { prompts, maxNewTokens, temperature, topK, tokens } = fx.generate;
    manualSeed(fx.seeds.generate);
    const out = generate(model, load(prompts), maxNewTokens, { temperature, topK });
    expect(Array.from(out.dataSync())).toEqual(tokens.data);
  });
});
