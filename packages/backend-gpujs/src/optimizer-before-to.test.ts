import { GELU, LayerNorm, Linear, Sequential } from '@torchlet/layers';
import { crossEntropy } from '@torchlet/losses';
import { Adam, AdamW, Lion, SGD, type Optimizer, type ParamsInput } from '@torchlet/optim';
import {
  cpuBackend,
  createCpuBackend,
  manualSeed,
  randint,
  randn,
  type Backend,
} from '@torchlet/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';

type Make = (params: ParamsInput) => Optimizer;

const optimizers: [string, Make][] = [
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9 })],
  ['Adam', (p) => new Adam(p, { lr: 0.01, weightDecay: 0.01 })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01 })],
  ['Adam with AMSGrad', (p) => new Adam(p, { lr: 0.01, amsgrad: true })],
  ['Lion', (p) => new Lion(p, { lr: 0.001, weightDecay: 0.1 })],
];

/**
 * Trains a small network on `backend` for `steps` steps and returns its losses. The model is
 * built on the CPU (the default backend) and moved with `model.to(backend)`, before or after the
 * optimizer is created.
 */
async function train(
  backend: Backend,
  make: Make,
  order: 'to, then optimizer' | 'optimizer, then to',
  steps = 5,
): Promise<number[]> {
  manualSeed(0);
  const model = new Sequential(new Linear(6, 16), new LayerNorm(16), new GELU(), new Linear(16, 3));
  const x = randn([12, 6]).to(backend);
  const y = randint(0, 3, [12]).to(backend);
  let opt: Optimizer;
  if (order === 'to, then optimizer') {
    model.to(backend);
    opt = make(model.namedParameters());
  } else {
    opt = make(model.namedParameters()); // PyTorch users' usual order
    model.to(backend);
  }
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = crossEntropy(model.forward(x), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    losses.push((await loss.data())[0]);
  }
  expect(model.parameters().every((p) => p.backend === backend)).toBe(true);
  return losses;
}

const gpu = gpujs({ mode: 'cpu' });
afterAll(async () => (await gpu).destroy());

const backends: [string, () => Promise<Backend>][] = [
  ["gpu.js ('cpu' mode)", async () => (await gpu) as Backend],
  ['a second CPU backend', async () => createCpuBackend({ wasm: false })],
];

describe('an optimizer created before model.to(backend) trains as one created after', () => {
  for (const [where, backendOf] of backends) {
    for (const [label, make] of optimizers) {
      it(`${label} on ${where}: both orders give the same losses, close to the CPU's`, async () => {
        const backend = await backendOf();
        const after = await train(backend, make, 'to, then optimizer');
        // Before the fix: "adamStep_: expAvg is on cpu but the parameter is on gpujs:cpu".
        const before = await train(backend, make, 'optimizer, then to');
        expect(before).toEqual(after);
        expect(after[after.length - 1]).toBeLessThan(after[0]);
        const reference = await train(cpuBackend as Backend, make, 'to, then optimizer');
        for (let i = 0; i < after.length; i++)
          expect(Math.abs(after[i] - reference[i])).toBeLessThan(1e-4 * Math.abs(reference[i]));
      });
    }
  }
});
