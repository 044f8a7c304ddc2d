import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossEntropy, fit, Generator, manualSeed, type Tensor } from 'torchlet';
import { CharVocab } from './char-vocab';
import { configureOptimizer } from './configure-optimizer';
import { generate } from './generate';
import { getBatch } from './get-batch';
import { GPT } from './gpt';
import { loadMobyDick } from './load-moby-dick';
import { randomBatches } from './random-batches';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('examples/gpt: a tiny config on Moby Dick', () => {
  it('learns in 40 steps, then generates valid, reproducible token ids', async () => {
    manualSeed(0);
    const text = loadMobyDick();
    const vocab = CharVocab.fromText(text);
    const data = vocab.encode(text);
    const blockSize = 32;
    const model = new GPT({
      vocabSize: vocab.size,
      blockSize,
      nLayer: 1,
      nHead: 2,
      nEmbd: 32,
      dropout: 0,
      bias: false,
    });
    const valGenerator = new Generator(1);
    const val = Array.from({ length: 4 }, () => getBatch(data, blockSize, 16, valGenerator));
    const history = await fit({
      model,
      optimizer: configureOptimizer(model, { lr: 1e-2, weightDecay: 0.1, betas: [0.9, 0.99] }),
      loss: (logits: Tensor, targets: Tensor) =>
        crossEntropy(logits.view(-1, vocab.size), targets.view(-1)),
      train: randomBatches(data, { blockSize, batchSize: 16, batchesPerEpoch: 20 }),
      val,
      steps: 40,
      evalEvery: 40,
      clipGradNorm: 1,
      progress: false,
    });
    const first = history.train[0].loss; // before the first update
    const last = history.eval[history.eval.length - 1].loss;
    expect(Math.abs(first - Math.log(vocab.size))).toBeLessThan(0.1); // untrained: about uniform
    expect(last).toBeLessThan(first - 1);

    const prompt = vocab.encode('Call me ').view(1, -1);
    manualSeed(7);
    const out = generate(model, prompt, 60, { temperature: 0.8, topK: 10 });
    expect(out.dtype).toBe('int32');
    expect(out.shape).toEqual([1, 8 + 60]); // 68 > blockSize: the context was cropped
    const ids = Array.from(out.dataSync());
    expect(ids.slice(0, 8)).toEqual(Array.from(prompt.dataSync()));
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < vocab.size)).toBe(true);
    expect(vocab.decode(out.select(0, 0)).startsWith('Call me ')).toBe(true);
    manualSeed(7);
    expect(
      Array.from(generate(model, prompt, 60, { temperature: 0.8, topK: 10 }).dataSync()),
    ).toEqual(ids);
    expect(model.training).toBe(true); // generate put the mode back
  });

  it('runs train-gpt.ts end to end: baseline, progress, loss curve, checkpoint, sample; resumes', () => {
    const outDir = fileURLToPath(new URL('../out/gpt-test/', import.meta.url));
    rmSync(outDir, { recursive: true, force: true });
    const tiny = [
      '--warmupSteps=2',
      '--nLayer=1',
      '--nHead=2',
      '--nEmbd=16',
      '--blockSize=16',
      '--batchSize=8',
      '--evalEvery=10',
      '--evalBatches=2',
      '--sampleTokens=40',
      '--outDir=out/gpt-test',
    ];
    const run = (...args: string[]) =>
      execFileSync(tsx, ['gpt/train-gpt.ts', ...tiny, ...args], {
        cwd: examplesDir,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const loggedSteps = (out: string) =>
      [...out.matchAll(/^step +(\d+) \| train loss/gm)].map((m) => Number(m[1]));

    const text = run('--steps=20');
    expect(text).toMatch(/Moby Dick: 1,2\d\d,\d{3} characters, a vocabulary of \d+/);
    expect(text).toMatch(
      /unigram baseline \(entropy of the character frequencies\): 3\.\d{4} nats/,
    );
    expect(loggedSteps(text)).toEqual([0, 10, 19]);
    expect(text).toMatch(/trained 20 steps in [\d.]+ s/);
    const sample = /top-k 20\):\n\n([\s\S]*)$/.exec(text)![1];
    expect(sample.startsWith('Call me ')).toBe(true);
    expect([...sample.trimEnd()].length).toBeGreaterThanOrEqual(8 + 30); // 40 new, less trailing blanks
    expect(readFileSync(`${outDir}gpt-loss.svg`, 'utf8')).toMatch(/<\/svg>\s*$/);
    expect(existsSync(`${outDir}gpt.safetensors`)).toBe(true);

    // Continue the run from its last checkpoint (step 20) to step 30.
    const resumed = run('--steps=30', '--resume=out/gpt-test/gpt.safetensors');
    expect(loggedSteps(resumed)).toEqual([20, 29]);
    expect(resumed).toMatch(/trained 10 steps in [\d.]+ s/);
    rmSync(outDir, { recursive: true, force: true });
  });
});
