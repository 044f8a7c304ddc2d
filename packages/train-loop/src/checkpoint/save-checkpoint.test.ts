import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdamW, SGD } from '@torchlet/optim';
import { manualSeed, randint, randn, tensor, type Tensor } from '@torchlet/tensor';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadSafetensors } from '../safetensors/load-safetensors';
import { crossEntropy } from '../../test-support/cross-entropy';
import { TinyNet } from '../../test-support/tiny-net';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import { flattenState } from './flatten-state';
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

  it('saves the state of the moment of the call, even when training goes on before it is awaited', async () => {
    const path = join(dir, 'not-awaited.safetensors');
    const { model, opt, scheduler } = trained(11);
    const atCall = values(model.stateDict());
    const muAtCall = values(
      (opt.stateDict().state[0] as { scaleByAdam: { mu: Record<string, Tensor> } }).scaleByAdam.mu,
    );
    const saving = saveCheckpoint(path, { model, optimizer: opt, scheduler, step: 3 });
    const x = randn([16, 4]);
    const y = randint(0, 3, [16]);
    for (let i = 0; i < 3; i++) {
      const loss = crossEntropy(model.forward(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
      scheduler.step();
    }
    expect(values(model.stateDict())).not.toEqual(atCall);
    await saving;

    manualSeed(12);
    const b = new TinyNet();
    const optB = new AdamW(b.namedParameters(), { lr: 0.01 });
    const schedulerB = new CountingScheduler(optB);
    await loadCheckpoint(path, { model: b, optimizer: optB, scheduler: schedulerB });
    expect(values(b.stateDict())).toEqual(atCall);
    const muB = (optB.stateDict().state[0] as { scaleByAdam: { mu: Record<string, Tensor> } })
      .scaleByAdam.mu;
    expect(values(muB)).toEqual(muAtCall);
    expect(schedulerB.lastStep).toBe(3);
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

  it('refuses weights of another dtype instead of converting them, and writes nothing', async () => {
    const path = join(dir, 'float64.safetensors');
    const { model } = trained(13);
    const state = model.stateDict();
    const asFloat64 = Object.fromEntries(
      Object.entries(state).map(([k, t]) => [k, t.to('float64')]),
    );
    await saveCheckpoint(path, { model: { ...model, stateDict: () => asFloat64 } as TinyNet });
    const target = trained(14);
    const before = values(target.model.stateDict());
    await expect(loadCheckpoint(path, { model: target.model })).rejects.toThrow(
      /float64\.safetensors\): error\(s\) in loading state_dict for TinyNet:\n\tdtype mismatch for fc1\.weight: the checkpoint holds float64, the current model float32/,
    );
    expect(values(target.model.stateDict())).toEqual(before);
  });

  it('checks the optimizer state before writing the model, and leaves both untouched', async () => {
    const path = join(dir, 'sgd.safetensors');
    manualSeed(15);
    const source = new TinyNet();
    const sgd = new SGD(source.namedParameters(), { lr: 0.1, momentum: 0.9 });
    await saveCheckpoint(path, { model: source, optimizer: sgd, step: 1 });

    const { model, opt } = trained(16);
    const weights = values(model.stateDict());
    const optimizerState = JSON.stringify(flattenState('o', opt.stateDict()).skeleton);
    const mu = values(
      (opt.stateDict().state[0] as { scaleByAdam: { mu: Record<string, Tensor> } }).scaleByAdam.mu,
    );
    const load = vi.spyOn(model, 'loadStateDict');
    await expect(loadCheckpoint(path, { model, optimizer: opt })).rejects.toThrow(
      /sgd\.safetensors\): optimizer: AdamW\.loadStateDict: .*SGD/,
    );
    // Never written (not written and put back): the model was checked, then the optimizer refused.
    expect(load).not.toHaveBeenCalled();
    expect(values(model.stateDict())).toEqual(weights);
    expect(JSON.stringify(flattenState('o', opt.stateDict()).skeleton)).toEqual(optimizerState);
    expect(
      values(
        (opt.stateDict().state[0] as { scaleByAdam: { mu: Record<string, Tensor> } }).scaleByAdam
          .mu,
      ),
    ).toEqual(mu);
    // Both still work.
    const x = randn([16, 4]);
    const loss = crossEntropy(model.forward(x), randint(0, 3, [16]));
    opt.zeroGrad();
    loss.backward();
    opt.step();
    expect(values(model.stateDict())).not.toEqual(weights);
  });

  it('leaves model and optimizer as they were when the scheduler state is refused', async () => {
    const path = join(dir, 'bad-scheduler.safetensors');
    const a = trained(17);
    await saveCheckpoint(path, {
      model: a.model,
      optimizer: a.opt,
      scheduler: { step() {}, stateDict: () => ({ lastStep: 'three' }) },
    });
    const b = trained(18);
    const weights = values(b.model.stateDict());
    const lr = b.opt.paramGroups[0].lr;
    const optimizerState = JSON.stringify(flattenState('o', b.opt.stateDict()).skeleton);
    const load = vi.spyOn(b.model, 'loadStateDict');
    await expect(
      loadCheckpoint(path, { model: b.model, optimizer: b.opt, scheduler: b.scheduler }),
    ).rejects.toThrow(/bad-scheduler\.safetensors\): scheduler: CountingScheduler: bad state/);
    expect(load).not.toHaveBeenCalled();
    expect(values(b.model.stateDict())).toEqual(weights);
    expect(b.opt.paramGroups[0].lr).toBe(lr);
    expect(JSON.stringify(flattenState('o', b.opt.stateDict()).skeleton)).toEqual(optimizerState);
  });

  it('round-trips model and optimizer state under the names __proto__ and constructor', async () => {
    const path = join(dir, 'odd-names.safetensors');
    const names = ['__proto__', 'constructor', 'w'];
    const a = new MapModel(names, 1);
    const optA = new MapOptimizer(names, 10);
    await saveCheckpoint(path, { model: a, optimizer: optA, step: 2 });

    const { tensors } = await loadSafetensors(path);
    expect(Object.keys(tensors).sort()).toEqual(
      [
        ...names,
        'optimizer.buffers.__proto__',
        'optimizer.buffers.constructor',
        'optimizer.buffers.w',
      ].sort(),
    );
    const b = new MapModel(names, 100);
    const optB = new MapOptimizer(names, 1000);
    const loaded = await loadCheckpoint(path, { model: b, optimizer: optB });
    expect(Object.keys(loaded.modelState).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(b.params.get(name)!.toArray(), name).toEqual(a.params.get(name)!.toArray());
      expect(optB.buffers.get(name)!.toArray(), name).toEqual(optA.buffers.get(name)!.toArray());
    }
    expect(optB.count).toBe(optA.count);
  });
});

/** A model that keeps its tensors in a Map, so any name (`__proto__` too) is a parameter name. */
class MapModel implements TrainableModel {
  readonly params: Map<string, Tensor>;
  constructor(names: string[], start: number) {
    this.params = new Map(names.map((n, i) => [n, tensor([start + i, start + i + 0.5])]));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
  parameters(): Tensor[] {
    return [...this.params.values()];
  }
  train(): void {}
  eval(): void {}
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = Object.create(null);
    for (const [name, t] of this.params) out[name] = t.detach();
    return out;
  }
  loadStateDict(state: Readonly<Record<string, Tensor>>): void {
    const keys = Object.keys(state).sort();
    if (keys.join() !== [...this.params.keys()].sort().join()) {
      throw new Error(`MapModel: keys ${keys.join(', ')}`);
    }
    for (const [name, t] of this.params) t.copy_(state[name]);
  }
}

/** An optimizer whose state is keyed by those names, built as `stateDict()` results are. */
class MapOptimizer implements TrainableOptimizer {
  readonly paramGroups = [{ lr: 0.1 }];
  count: number;
  buffers: Map<string, Tensor>;
  constructor(names: string[], start: number) {
    this.count = start;
    this.buffers = new Map(names.map((n, i) => [n, tensor([start - i])]));
  }
  zeroGrad(): void {}
  step(): void {}
  stateDict(): unknown {
    const buffers = JSON.parse('{}') as Record<string, Tensor>;
    for (const [name, t] of this.buffers) {
      Object.defineProperty(buffers, name, { value: t.clone(), enumerable: true });
    }
    return { count: this.count, buffers };
  }
  loadStateDict(state: unknown): void {
    const { count, buffers } = state as { count: number; buffers: Record<string, Tensor> };
    const keys = Object.keys(buffers).sort();
    if (keys.join() !== [...this.buffers.keys()].sort().join()) {
      throw new Error(`MapOptimizer: keys ${keys.join(', ')}`);
    }
    this.count = count;
    this.buffers = new Map(
      keys.map((k) => [k, Object.getOwnPropertyDescriptor(buffers, k)!.value]),
    );
  }
}
