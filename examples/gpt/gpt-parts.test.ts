import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, tensor } from 'torchlet';
import { applyOverrides } from './apply-overrides';
import { CharVocab } from './char-vocab';
import { configureOptimizer } from './configure-optimizer';
import { generate } from './generate';
import { getBatch } from './get-batch';
import { GPT } from './gpt';
import type { GPTConfig } from './gpt-config';
import { loadMobyDick } from './load-moby-dick';
import { unigramEntropy } from './unigram-entropy';

const small: GPTConfig = {
  vocabSize: 11,
  blockSize: 8,
  nLayer: 2,
  nHead: 2,
  nEmbd: 8,
  dropout: 0,
  bias: true,
};

describe('examples/gpt parts', () => {
  it('loadMobyDick: the whole book, with its chapter headings, from node_modules', () => {
    const text = loadMobyDick();
    expect(text.length).toBeGreaterThan(1_200_000);
    expect(text).toContain('CHAPTER 1. Loomings.\n\nCall me Ishmael.');
    expect(text).toContain('CHAPTER 135. The Chase.—Third Day.');
    expect(text.trimEnd().endsWith('only found another orphan.')).toBe(true);
  });

  it('CharVocab: sorted characters, encode/decode round trip, clear errors', () => {
    const vocab = CharVocab.fromText('hello—world');
    expect(vocab.chars.join('')).toBe('dehlorw—');
    const ids = vocab.encode('world—hello');
    expect(ids.dtype).toBe('int32');
    expect(Array.from(ids.dataSync())).toEqual([6, 4, 5, 3, 0, 7, 2, 1, 3, 3, 4]);
    expect(vocab.decode(ids)).toBe('world—hello');
    expect(vocab.decode([7, 2])).toBe('—h');
    expect(() => vocab.encode('hex')).toThrow(
      /character "x" \(at 2\) is not in the vocabulary of 8/,
    );
    expect(() => vocab.decode([8])).toThrow(/token id 8 is out of range for a vocabulary of 8/);
  });

  it('getBatch: targets are the inputs shifted by one token', () => {
    const data = tensor(
      Array.from({ length: 50 }, (_, i) => i),
      { dtype: 'int32' },
    );
    const [x, y] = getBatch(data, 6, 4, new Generator(3));
    expect(x.shape).toEqual([4, 6]);
    const xs = x.toArray() as number[][];
    const ys = y.toArray() as number[][];
    xs.forEach((row, b) => {
      expect(row).toEqual(Array.from({ length: 6 }, (_, t) => row[0] + t));
      expect(ys[b]).toEqual(row.map((v) => v + 1));
      expect(row[0] + 6).toBeLessThanOrEqual(49);
    });
    expect(() => getBatch(data, 50, 2)).toThrow(/50 tokens, too few for windows of blockSize 50/);
  });

  it('unigramEntropy: the entropy of the token frequencies, in nats', () => {
    expect(unigramEntropy(tensor([0, 0, 1, 1], { dtype: 'int32' }), 3)).toBeCloseTo(
      Math.log(2),
      12,
    );
    const h = unigramEntropy(tensor([0, 0, 0, 1], { dtype: 'int32' }), 2);
    expect(h).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
  });

  it('GPT: tied head, nanoGPT init, logits [B, T, vocab], context checked', () => {
    manualSeed(0);
    const model = new GPT(small);
    expect(model.lmHead.weight).toBe(model.wte.weight);
    const names = model.namedParameters().map(([n]) => n);
    expect(names).toContain('wte.weight');
    expect(names).not.toContain('lmHead.weight'); // listed once, under its first name
    expect(Object.keys(model.stateDict())).toContain('lmHead.weight');
    const std = (name: string) =>
      model
        .namedParameters()
        .find(([n]) => n === name)![1]
        .std()
        .item();
    expect(std('h.0.mlp.cFc.weight')).toBeCloseTo(0.02, 2);
    expect(std('h.0.attn.cProj.weight')).toBeCloseTo(0.02 / Math.sqrt(4), 2);
    expect(model.h.at(0).attn.cAttn.bias!.abs().max().item()).toBe(0);
    const logits = model.forward(
      tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: 'int32' },
      ),
    );
    expect(logits.shape).toEqual([2, 3, 11]);
    const tooLong = tensor([Array.from({ length: 9 }, () => 0)], { dtype: 'int32' });
    expect(() => model.forward(tooLong)).toThrow(/T <= blockSize \(8\), got \[1, 9\]/);
    expect(() => new GPT({ ...small, nHead: 3 })).toThrow(
      /nEmbd \(8\) must be divisible by nHead \(3\)/,
    );
  });

  it('GPT: a position only sees the positions before it (causal)', () => {
    manualSeed(1);
    const model = new GPT(small);
    const a = model.forward(tensor([[1, 2, 3, 4]], { dtype: 'int32' }));
    const b = model.forward(tensor([[1, 2, 3, 9]], { dtype: 'int32' }));
    const first3 = (t: typeof a) => Array.from(t.narrow(1, 0, 3).contiguous().dataSync());
    expect(first3(b)).toEqual(first3(a));
    expect(Array.from(b.select(1, 3).dataSync())).not.toEqual(
      Array.from(a.select(1, 3).dataSync()),
    );
  });

  it("configureOptimizer: nanoGPT's decay (>= 2 dims) and no-decay groups, each parameter once", () => {
    const model = new GPT(small);
    const opt = configureOptimizer(model, { lr: 1e-3, weightDecay: 0.1, betas: [0.9, 0.95] });
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([0.1, 0]);
    const [decay, noDecay] = opt.paramGroups.map((g) => g.params as unknown[]);
    const all = model.parameters();
    expect(decay.length + noDecay.length).toBe(all.length);
    expect(decay.every((p) => (p as { ndim: number }).ndim >= 2)).toBe(true);
    expect(noDecay.every((p) => (p as { ndim: number }).ndim === 1)).toBe(true);
    expect(decay).toContain(model.wte.weight);
    expect(opt.paramGroups[0].betas).toEqual([0.9, 0.95]);
  });

  it('generate: top-k keeps only the k most likely tokens; bad arguments throw', () => {
    manualSeed(2);
    const model = new GPT(small);
    const out = generate(model, tensor([[1]], { dtype: 'int32' }), 12, { topK: 1 });
    const ids = Array.from(out.dataSync());
    expect(ids).toHaveLength(13);
    // topK 1 is greedy decoding: every new token is the argmax of its logits.
    for (let t = 1; t < ids.length; t++) {
      const ctx = tensor([ids.slice(Math.max(0, t - small.blockSize), t)], { dtype: 'int32' });
      const last = model.forward(ctx).select(1, -1);
      expect(ids[t]).toBe(last.argmax(-1).item());
    }
    // topK 3 at a high temperature: every draw is one of the 3 largest logits of its step.
    const wide = Array.from(
      generate(model, tensor([[1]], { dtype: 'int32' }), 30, {
        topK: 3,
        temperature: 5,
      }).dataSync(),
    );
    const seen = new Set<number>();
    for (let t = 1; t < wide.length; t++) {
      const ctx = tensor([wide.slice(Math.max(0, t - small.blockSize), t)], { dtype: 'int32' });
      const top3 = Array.from(model.forward(ctx).select(1, -1).topk(3).indices.dataSync());
      expect(top3).toContain(wide[t]);
      seen.add(top3.indexOf(wide[t]));
    }
    expect(seen.size).toBeGreaterThan(1); // it samples, not only the argmax
    const idx = tensor([[1]], { dtype: 'int32' });
    expect(() => generate(model, idx, 3, { temperature: 0 })).toThrow(
      /temperature must be a finite number > 0, got 0/,
    );
    expect(() => generate(model, idx, 3, { topK: 0 })).toThrow(
      /topK must be an integer >= 1, got 0/,
    );
    expect(() => generate(model, idx, -1)).toThrow(/maxNewTokens must be an integer >= 0, got -1/);
    expect(() => generate(model, tensor([1, 2], { dtype: 'int32' }), 3)).toThrow(
      /int32 token ids \[B, T\]/,
    );
  });

  it('applyOverrides: --name=value in the type of the default; typos are errors', () => {
    const base = { steps: 600, bias: false, prompt: 'Call me ' };
    expect(applyOverrides(base, ['--steps=50', '--bias=true', '--prompt=The whale'])).toEqual({
      steps: 50,
      bias: true,
      prompt: 'The whale',
    });
    expect(base.steps).toBe(600);
    expect(() => applyOverrides(base, ['--step=5'])).toThrow(/unknown config key 'step'/);
    expect(() => applyOverrides(base, ['--steps=many'])).toThrow(
      /--steps expects a number, got 'many'/,
    );
    expect(() => applyOverrides(base, ['--bias=yes'])).toThrow(/--bias expects true or false/);
    expect(() => applyOverrides(base, ['steps=5'])).toThrow(/expected --name=value, got 'steps=5'/);
  });
});
