import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdamW } from '@torchlet/optim';
import { manualSeed, randint, randn, tensor, type Tensor } from '@torchlet/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSafetensors } from '../safetensors/load-safetensors';
import { crossEntropy } from '../test-support/cross-entropy';
import { TinyNet } from '../test-support/tiny-net';
import { loadCheckpoint } from './load-checkpoint';
import { saveCheckpoint } from './save-checkpoint';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scheduler with state, shaped like LRScheduler of @torchlet/schedulers. */
class CountingScheduler {
  lastStep = 0;
  constructor(private readonly opt: AdamW) {}
  step(): void {
    this.lastStep++;
    this.opt.paramGroups[0].lr = 0.01 / (1 + this.lastStep);
  }
  stateDict(): { lastStep: number; baseLrs: number[] } {
    return { lastStep: this.lastStep, baseLrs: [0.01] };
  }
  loadStateDict(state: { lastStep?: unknown }): void {
    if (typeof state?.lastStep !== 'number') throw new Error('CountingScheduler: bad state');
    this.lastStep = state.lastStep;
  }
}

function trained(seed: number): { model: TinyNet; opt: AdamW; scheduler: CountingScheduler } {
  manualSeed(seed);
  const model = new TinyNet();
  const opt = new AdamW(model.namedParameters(), { lr: 0.01 });
  const scheduler = new CountingScheduler(opt);
  const x = randn([16, 4]);
  const y = randint(0, 3, [16]);
  for (let i = 0; i < 3; i++) {
    const loss = crossEntropy(model.forward(x), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    scheduler.step();
  }
  return { model, opt, scheduler };
}

const values = (state: Record<string, Tensor>) =>
  Object.fromEntries(Object.entries(state).map(([k, t]) => [k, Array.from(t.dataSync())]));

describe('saveCheckpoint / loadCheckpoint', () => {
  it('restores model, optimizer, scheduler, step and extra bit for bit', async () => {
    const path = join(dir, 'full.safetensors');
    const a = trained(1);
    await saveCheckpoint(path, {
      model: a.model,
      optimizer: a.opt,
      scheduler: a.scheduler,
      step: 3,
      extra: { note: 'hi', best: NaN, ema: tensor([0.5, 0.25]) },
    });
    const b = trained(2);
    expect(values(b.model.stateDict())).not.toEqual(values(a.model.stateDict()));
    const loaded = await loadCheckpoint(path, {
      model: b.model,
      optimizer: b.opt,
      scheduler: b.scheduler,
    });
    expect(loaded.step).toBe(3);
    expect(values(b.model.stateDict())).toEqual(values(a.model.stateDict()));
    expect(b.scheduler.lastStep).toBe(3);
    const extra = loaded.extra as { note: string; best: number; ema: Tensor };
    expect(extra.note).toBe('hi');
    expect(extra.best).toBeNaN();
    expect(extra.ema.toArray()).toEqual([0.5, 0.25]);

    const sa = a.opt.stateDict();
    const sb = b.opt.stateDict();
    expect(sb.paramGroups).toEqual(sa.paramGroups);
    const adam = (s: typeof sa) =>
      (
        s.state[0] as {
          scaleByAdam: { count: object; mu: Record<string, Tensor>; nu: Record<string, Tensor> };
        }
      ).scaleByAdam;
    expect(adam(sb).count).toEqual(adam(sa).count);
    expect(values(adam(sb).mu)).toEqual(values(adam(sa).mu));
    expect(values(adam(sb).nu)).toEqual(values(adam(sa).nu));
  });

  it('lays the file out for PyTorch: state_dict names and [out, in] weights, optimizer under optimizer.*', async () => {
    const path = join(dir, 'layout.safetensors');
    const { model, opt } = trained(3);
    await saveCheckpoint(path, { model, optimizer: opt, step: 3 });
    const { tensors, metadata } = await loadSafetensors(path);
    const modelNames = Object.keys(tensors).filter((k) => !k.startsWith('optimizer.'));
    expect(modelNames.sort()).toEqual(['fc1.bias', 'fc1.weight', 'fc2.bias', 'fc2.weight']);
    expect(tensors['fc1.weight'].shape).toEqual([8, 4]);
    expect(tensors['fc2.weight'].shape).toEqual([3, 8]);
    expect(Object.keys(tensors)).toContain('optimizer.state.0.scaleByAdam.mu.fc1.weight');
    expect(metadata.format).toBe('pt');
    expect(metadata['torchlet.checkpoint']).toBe('1');
    expect(metadata.step).toBe('3');
    const optimizerJson = JSON.parse(metadata.optimizer);
    expect(optimizerJson.paramGroups[0].names).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ]);
    expect(optimizerJson.state[0].scaleByAdam.nu['fc2.bias']).toEqual({
      __tensor__: 'optimizer.state.0.scaleByAdam.nu.fc2.bias',
    });
    expect(readFileSync(path).subarray(8, 9).toString()).toBe('{');
  });

  it('throws on mismatched shapes and leaves the model untouched', async () => {
    const path = join(dir, 'shapes.safetensors');
    await saveCheckpoint(path, { model: trained(4).model });
    manualSeed(5);
    const wider = new TinyNet(4, 3, 16);
    const before = values(wider.stateDict());
    await expect(loadCheckpoint(path, { model: wider })).rejects.toThrow(
      /shapes\.safetensors\): .*size mismatch for fc1\.weight: copying a param with shape \[8,4\] from checkpoint, the shape in current model is \[16,4\]/s,
    );
    expect(values(wider.stateDict())).toEqual(before);
  });

  it('throws on mismatched names and leaves the model untouched', async () => {
    const path = join(dir, 'names.safetensors');
    const { model } = trained(6);
    const state = model.stateDict();
    await saveCheckpoint(path, {
      model: {
        ...model,
        stateDict: () => ({ 'encoder.weight': state['fc1.weight'] }),
      } as unknown as TinyNet,
    });
    const target = new TinyNet();
    const before = values(target.stateDict());
    await expect(loadCheckpoint(path, { model: target })).rejects.toThrow(
      /Unexpected key\(s\) in state_dict: "encoder\.weight"/,
    );
    expect(values(target.stateDict())).toEqual(before);
  });

  it('puts the model back when the optimizer state does not fit', async () => {
    const path = join(dir, 'optimizer-mismatch.safetensors');
    const a = trained(7);
    await saveCheckpoint(path, { model: a.model, optimizer: a.opt });
    manualSeed(8);
    const model = new TinyNet();
    const onlyFc1 = new AdamW(model.fc1.namedParameters(), { lr: 0.01 });
    const before = values(model.stateDict());
    await expect(loadCheckpoint(path, { model, optimizer: onlyFc1 })).rejects.toThrow(
      /optimizer: AdamW\.loadStateDict: param group 0 holds/,
    );
    expect(values(model.stateDict())).toEqual(before);
  });

  it('says when the file has no optimizer state to restore', async () => {
    const path = join(dir, 'model-only.safetensors');
    const { model, opt } = trained(9);
    await saveCheckpoint(path, { model });
    await expect(loadCheckpoint(path, { model, optimizer: opt })).rejects.toThrow(
      /holds no optimizer state/,
    );
  });
});
