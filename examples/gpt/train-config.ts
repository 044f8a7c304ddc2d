import type { GPTConfig } from './gpt-config';

/** Everything a run of `train-gpt.ts` is set by; `--name=value` arguments override it. */
export interface TrainConfig extends Omit<GPTConfig, 'vocabSize'> {
  // the model: a GPTConfig, less the vocabulary size, which comes from the text
  // data
  batchSize: number;
  /** Fraction of the text used for training; the rest is the validation split. */
  trainFraction: number;
  // AdamW with warmup + cosine
  steps: number;
  lr: number;
  minLr: number;
  warmupSteps: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  gradClip: number;
  // evaluation, checkpoints, sampling
  evalEvery: number;
  /** Validation batches (fixed once, so every evaluation sees the same windows). */
  evalBatches: number;
  /** Where the checkpoint and the loss curve go, relative to `examples/`. */
  outDir: string;
  /** Continue from a checkpoint written by an earlier run (e.g. `out/gpt.safetensors`). */
  resume: string;
  prompt: string;
  sampleTokens: number;
  temperature: number;
  topK: number;
  seed: number;
}

/**
 * The default run: measured to train in under 10 minutes on 2 CPU cores (see README.md for the
 * timings, the losses and a sample).
 */
export const defaultTrainConfig: TrainConfig = {
  blockSize: 64,
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  dropout: 0,
  bias: false,
  batchSize: 12,
  trainFraction: 0.9,
  steps: 900,
  lr: 3e-3,
  minLr: 3e-4,
  warmupSteps: 50,
  weightDecay: 0.1,
  beta1: 0.9,
  beta2: 0.99,
  gradClip: 1.0,
  evalEvery: 100,
  evalBatches: 20,
  outDir: 'out',
  resume: '',
  prompt: 'Call me ',
  sampleTokens: 500,
  temperature: 0.8,
  topK: 20,
  seed: 1337,
};
