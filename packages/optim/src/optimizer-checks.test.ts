import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, Lion, scaleByAdam, scaleByLion, scaleByMomentum, SGD } from './index';

const param = () => tensor([1, -2, 3]).requiresGrad_(true);
const duplicate = 'some parameters appear in more than one parameter group';

describe('optimizers refuse the same parameter twice, as PyTorch does', () => {
  it('in two param groups', () => {
    const w = param();
    expect(() => new SGD([{ params: [w] }, { params: [w], lr: 0 }], { lr: 0.1 })).toThrow(
      `SGD: ${duplicate} (the same tensor is both '0.0' and '1.0'); pass each parameter once`,
    );
  });

  it('twice in one list', () => {
    const w = param();
    expect(() => new AdamW([w, param(), w])).toThrow(
      `AdamW: ${duplicate} (the same tensor is both '0.0' and '0.2')`,
    );
  });

  it('under two names (tied weights listed twice)', () => {
    const w = param();
    expect(
      () =>
        new Adam([
          ['encoder.weight', w],
          ['decoder.weight', w],
        ]),
    ).toThrow(`Adam: ${duplicate} (the same tensor is both 'encoder.weight' and 'decoder.weight')`);
  });

  it('two different tensors under one name are refused too', () => {
    expect(
      () =>
        new Lion([
          ['w', param()],
          ['w', param()],
        ]),
    ).toThrow("Lion: two different parameters are both named 'w'");
  });

  it('a Tensor instead of a list, and groups mixed with tensors, get clear errors', () => {
    expect(() => new SGD(param() as never)).toThrow(
      'SGD: params should be an iterable of Tensors, of [name, Tensor] pairs or of param groups, got a Tensor; pass [tensor]',
    );
    expect(() => new SGD([{ params: [param()] }, param()] as never)).toThrow(
      'SGD: params mixes param groups and parameters; item 1 is object',
    );
    // A group may hold one Tensor, as in PyTorch.
    const w = param();
    expect(new SGD([{ params: w }]).paramGroups[0].params).toEqual([w]);
  });
});

describe('unknown option keys throw with a suggestion', () => {
  it('snake_case keys of every optimizer (they were silently ignored before)', () => {
    expect(() => new AdamW([param()], { weight_decay: 0.1 } as never)).toThrow(
      "AdamW: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
    expect(() => new Adam([param()], { weight_decay: 0.1 } as never)).toThrow(
      "Adam: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
    expect(() => new SGD([param()], { lr: 0.1, weight_decay: 1e-4 } as never)).toThrow(
      "SGD: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
    expect(() => new Lion([param()], { weight_decay: 0.1 } as never)).toThrow(
      "Lion: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
  });

  it('near misses, other libraries names, and keys no optimizer of that kind has', () => {
    expect(() => new SGD([param()], { momentun: 0.9 } as never)).toThrow(
      "SGD: unknown option 'momentun'; did you mean 'momentum'?",
    );
    expect(() => new AdamW([param()], { beta: [0.9, 0.95] } as never)).toThrow(
      "AdamW: unknown option 'beta'; did you mean 'betas'?",
    );
    expect(() => new AdamW([param()], { learningRate: 1e-3 } as never)).toThrow(
      "AdamW: unknown option 'learningRate'; did you mean 'lr'?",
    );
    expect(() => new Lion([param()], { eps: 1e-8 } as never)).toThrow(
      "Lion: unknown option 'eps'; expected one of 'lr', 'betas', 'weightDecay'",
    );
  });

  it('param group keys are checked the same way', () => {
    const opt = () =>
      new AdamW([{ params: [param()] }, { params: [param()], weight_decay: 0 }], { lr: 1e-3 });
    expect(opt).toThrow(
      "AdamW param group 1: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
  });

  it('options must be an object: SGD(params, 0.1) does not set lr', () => {
    expect(() => new SGD([param()], 0.1 as never)).toThrow(
      'SGD: expected options to be an object like { lr: … }, got number',
    );
  });

  it('undefined values keep the default', () => {
    const opt = new AdamW([param()], { lr: undefined, weightDecay: 0.5 });
    expect(opt.paramGroups[0].lr).toBe(1e-3);
    expect(opt.paramGroups[0].weightDecay).toBe(0.5);
  });

  it('zeroGrad and the transforms check their options too', () => {
    const opt = new SGD([param()]);
    expect(() => opt.zeroGrad({ set_to_none: false } as never)).toThrow(
      "SGD.zeroGrad: unknown option 'set_to_none'; did you mean 'setToNone'?",
    );
    expect(() => scaleByAdam({ beta1: 0.9 } as never)).toThrow(
      "scaleByAdam: unknown option 'beta1'; expected one of 'b1', 'b2', 'eps', 'amsgrad'",
    );
    expect(() => scaleByMomentum({ momentum: 0.9, nestrov: true } as never)).toThrow(
      "scaleByMomentum: unknown option 'nestrov'; did you mean 'nesterov'?",
    );
    expect(() => scaleByLion({ b3: 0.9 } as never)).toThrow(
      "scaleByLion: unknown option 'b3'; expected one of 'b1', 'b2'",
    );
  });

  it('hyperparameters of the wrong type are refused, not coerced', () => {
    expect(() => new SGD([param()], { momentum: '0.9' as never })).toThrow(
      'SGD: invalid momentum value: "0.9" (momentum must be a number >= 0)',
    );
    expect(() => new SGD([param()], { momentum: 0.9, nesterov: 1 as never })).toThrow(
      'SGD: invalid nesterov setting: 1 (nesterov must be a boolean)',
    );
    expect(() => new AdamW([param()], { amsgrad: 'yes' as never })).toThrow(
      'AdamW: invalid amsgrad setting: "yes" (amsgrad must be a boolean)',
    );
    expect(() => new Lion([param()], { betas: 0.9 as never })).toThrow(
      'Lion: invalid betas: 0.9 (betas must be a pair [beta1, beta2])',
    );
  });
});
