import { noGrad } from '@torchlet/autograd';
import { formatShape, Tensor } from '@torchlet/tensor';
import type { ParamGroup } from './optimizer-like';
import type { GradientTransform, Params } from './types';

/** Parameters as an optimizer takes them: plain, named (`model.namedParameters()`), or groups. */
export type ParamsInput =
  Iterable<Tensor> | Iterable<readonly [string, Tensor]> | readonly ParamGroupInput[];

/** One group with its own hyperparameters, e.g. `{ params: biases, weightDecay: 0 }`. */
export interface ParamGroupInput {
  params: Iterable<Tensor> | Iterable<readonly [string, Tensor]>;
  lr?: number;
  weightDecay?: number;
  [hyperparameter: string]: unknown;
}

/** What `stateDict()` returns: group hyperparameters and each group's transform state. */
export interface OptimizerStateDict {
  paramGroups: Record<string, unknown>[];
  state: unknown[];
}

function isGroupList(input: ParamsInput): input is readonly ParamGroupInput[] {
  return (
    Array.isArray(input) &&
    input.length > 0 &&
    typeof input[0] === 'object' &&
    input[0] !== null &&
    'params' in input[0]
  );
}

function namedEntries(
  params: ParamGroupInput['params'],
  group: number,
  taken: Set<string>,
): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  let i = 0;
  for (const item of params as Iterable<unknown>) {
    let entry: [string, Tensor];
    if (item instanceof Tensor) entry = [`${group}.${i}`, item];
    else if (Array.isArray(item) && typeof item[0] === 'string' && item[1] instanceof Tensor)
      entry = [item[0], item[1]];
    else
      throw new TypeError(
        `optimizer: params must be Tensors or [name, Tensor] pairs, got ${typeof item} at index ${i}`,
      );
    if (taken.has(entry[0]))
      throw new Error(`optimizer: parameter ${entry[0]} appears in more than one place`);
    if (!entry[1].requiresGrad)
      throw new Error(`optimizer: parameter ${entry[0]} does not require grad`);
    taken.add(entry[0]);
    out.push(entry);
    i++;
  }
  return out;
}

/**
 * The PyTorch-style facade over a {@link GradientTransform}: parameter groups with their own
 * hyperparameters, `zeroGrad()`, `step()`, and a `stateDict()` keyed by parameter name.
 *
 * Each step rebuilds every group's transform from the group's current hyperparameters (they
 * are plain numbers, so changing `paramGroups[i].lr` takes effect at once) and applies the
 * resulting updates in place, under `noGrad`. Parameters without a gradient are skipped, as in
 * PyTorch. Subclasses say which transform a group uses.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export abstract class Optimizer<H extends Record<string, unknown> = Record<string, unknown>> {
  readonly paramGroups: (ParamGroup & H)[];
  private groupStates: unknown[];
  private steps = 0;

  constructor(
    readonly name: string,
    params: ParamsInput,
    defaults: H & { lr: number; weightDecay: number },
  ) {
    const taken = new Set<string>();
    const groups: ParamGroupInput[] = isGroupList(params)
      ? [...params]
      : [{ params: params as ParamGroupInput['params'] }];
    this.paramGroups = groups.map((g, gi) => {
      const entries = namedEntries(g.params, gi, taken);
      const { params: _unused, ...overrides } = g;
      const group = {
        ...defaults,
        ...overrides,
        names: entries.map(([n]) => n),
        params: entries.map(([, p]) => p),
      } as ParamGroup & H;
      this.validate(group);
      return group;
    });
    if (taken.size === 0) throw new Error(`${name}: optimizer got an empty parameter list`);
    this.groupStates = this.paramGroups.map((g) => this.transformFor(g).init(this.paramsOf(g)));
  }

  /** Checks one group's hyperparameters; throws PyTorch-style messages. */
  protected abstract validate(group: ParamGroup & H): void;

  /**
   * Updates the group's parameters in place with a fused kernel, where the optimizer has one,
   * and returns the group's next state (in the layout `transformFor` gives, so either path can
   * continue from it). `undefined` means: take the transform path. Parameters in `params` are
   * detached views of the real ones.
   */
  protected fusedStep(
    _group: ParamGroup & H,
    _state: unknown,
    _params: Params,
    _grads: Params,
  ): unknown | undefined {
    return undefined;
  }

  /** The transform one step of this group applies (rebuilt from its current hyperparameters). */
  protected abstract transformFor(group: ParamGroup & H): GradientTransform;

  /** Number of `step()` calls so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** The learning rate of the first group (what schedulers and progress bars show). */
  get learningRate(): number {
    return this.paramGroups[0].lr;
  }

  private paramsOf(group: ParamGroup): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    group.names.forEach((n, i) => (out[n] = group.params[i]));
    return out;
  }

  /** Clears the gradients (to null by default, as PyTorch 2 does). */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const { setToNone = true } = options;
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        p.grad = setToNone ? null : p.grad.detach().mul(0);
      }
    }
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    noGrad(() => {
      this.paramGroups.forEach((group, gi) => {
        this.validate(group);
        const params: Record<string, Tensor> = {};
        const grads: Record<string, Tensor> = {};
        group.names.forEach((n, i) => {
          const p = group.params[i];
          if (p.grad === null) return;
          params[n] = p.detach();
          grads[n] = p.grad;
        });
        if (Object.keys(grads).length === 0) return;
        const fused = this.fusedStep(group, this.groupStates[gi], params, grads);
        if (fused !== undefined) {
          this.groupStates[gi] = fused;
          return;
        }
        const { updates, state } = this.transformFor(group).update(
          grads as Params,
          this.groupStates[gi],
          params as Params,
        );
        this.groupStates[gi] = state;
        for (const [n, u] of Object.entries(updates)) {
          const p = params[n];
          p.copy_(p.add(u));
        }
      });
    });
    this.steps++;
  }

  /** Hyperparameters and state, with tensors keyed by parameter name (never by position). */
  stateDict(): OptimizerStateDict {
    return {
      paramGroups: this.paramGroups.map((group) => {
        const { params: _p, ...rest } = group;
        return { ...rest, names: [...group.names] };
      }),
      state: this.groupStates.map((s) => cloneState(s)),
    };
  }

  /**
   * Restores a state saved by {@link stateDict}. Parameter names and tensor shapes are checked
   * first; on a mismatch it throws and changes nothing.
   */
  loadStateDict(saved: OptimizerStateDict): void {
    if (!saved || !Array.isArray(saved.paramGroups) || !Array.isArray(saved.state)) {
      throw new TypeError(
        `${this.name}.loadStateDict: expected { paramGroups, state } as stateDict() returns`,
      );
    }
    if (saved.paramGroups.length !== this.paramGroups.length) {
      throw new Error(
        `${this.name}.loadStateDict: the saved state has ${saved.paramGroups.length} param groups, this optimizer has ${this.paramGroups.length}`,
      );
    }
    saved.paramGroups.forEach((g, i) => {
      const names = g.names as string[];
      const mine = this.paramGroups[i].names;
      if (!Array.isArray(names) || names.join('\n') !== mine.join('\n')) {
        throw new Error(
          `${this.name}.loadStateDict: param group ${i} holds [${(names ?? []).join(', ')}] in the saved state but [${mine.join(', ')}] here`,
        );
      }
      const shapes = new Map(mine.map((n, j) => [n, this.paramGroups[i].params[j].shape]));
      checkShapes(this.name, saved.state[i], shapes);
    });
    saved.paramGroups.forEach((g, i) => {
      const { names: _n, ...hyper } = g;
      Object.assign(this.paramGroups[i], hyper);
    });
    this.groupStates = saved.state.map((s) => cloneState(s));
  }
}

/** Deep copy of a state record; tensors are cloned so later in-place work cannot alias. */
function cloneState(value: unknown): unknown {
  if (value instanceof Tensor) return value.detach().clone();
  if (Array.isArray(value)) return value.map(cloneState);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneState(v);
    return out;
  }
  return value;
}

/** Every tensor stored under a parameter's name must have that parameter's shape. */
function checkShapes(
  op: string,
  value: unknown,
  shapes: Map<string, readonly number[]>,
  key = '',
): void {
  if (value instanceof Tensor) {
    const shape = shapes.get(key);
    if (shape !== undefined && formatShape(shape) !== formatShape(value.shape)) {
      throw new Error(
        `${op}.loadStateDict: state for ${key} has shape ${formatShape(value.shape)}, the parameter has ${formatShape(shape)}`,
      );
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkShapes(op, v, shapes, k);
  }
}
