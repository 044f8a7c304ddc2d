import { noGrad } from '@torchlet/autograd';
import { Tensor, trackStorages, type Backend, type Storage } from '@torchlet/tensor';
import { checkOptions } from './check-options';
import { collectParamGroups, type ParamsInput } from './collect-param-groups';
import type { ParamGroup } from './optimizer-like';
import type { GradientTransform, Params } from './types';
import { checkOptimizerState } from './check-optimizer-state';
import { followParams } from './follow-params';
import { checkLearningRate } from './validate';

export type { ParamGroupInput, ParamsInput } from './collect-param-groups';

/** What `stateDict()` returns: the optimizer's kind, group hyperparameters and each group's transform state. */
export interface OptimizerStateDict {
  /** The class that saved it (`'AdamW'`); `loadStateDict` refuses another kind's state. */
  optimizer: string;
  /** Each group's hyperparameters and parameter `names` (no tensors). */
  paramGroups: Record<string, unknown>[];
  /** Each group's transform state (moments, step counts), tensors keyed by parameter name. */
  state: unknown[];
}

/**
 * The PyTorch-style facade over a {@link GradientTransform}: parameter groups with their own
 * hyperparameters, `zeroGrad()`, `step()`, and a `stateDict()` keyed by parameter name.
 *
 * Each step rebuilds every group's transform from the group's current hyperparameters (they
 * are plain numbers, so `opt.setLr(lr)` or a scheduler's change takes effect at once) and
 * applies the resulting updates in place, under `noGrad`. Parameters without a gradient are
 * skipped, as in PyTorch. Subclasses say which transform a group uses.
 *
 * The state lives where the parameters live: made on their backend, and moved onto it at the
 * next `step()` (or `stateDict()`) when `model.to(backend)` moved them afterwards, so the
 * optimizer may be created before or after the move, as in PyTorch.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
 * model.to(await gpujs()); // before or after creating the optimizer
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export abstract class Optimizer<H extends Record<string, unknown> = Record<string, unknown>> {
  /**
   * The parameter groups, PyTorch's `param_groups`: each group's parameters and hyperparameters
   * (`lr`, `weightDecay`, and the optimizer's own, such as `betas`). A change applies at the
   * next `step()`; {@link setLr} sets the learning rate of every group.
   */
  readonly paramGroups: (ParamGroup & H)[];
  private groupStates: unknown[];
  /** Each group's parameters by name, for the state tensors that must live where they do. */
  private readonly paramsByName: ReadonlyMap<string, Tensor>[];
  /** State storages the transforms made, which the optimizer alone holds. */
  private readonly ownedState = new Set<Storage>();
  private steps = 0;
  /** The hyperparameter keys of every group: those of the constructor's `defaults`. */
  private readonly hyperparameters: readonly string[];

  /**
   * @param name - the class name, used in messages and saved with the state.
   * @param defaults - every hyperparameter with its default; its keys are the only keys that
   *   `options` and param groups may hold (others throw, with a suggestion).
   * @param options - what the caller passed; `undefined` values keep the default.
   */
  constructor(
    readonly name: string,
    params: ParamsInput,
    defaults: H & { lr: number; weightDecay: number },
    options: object = {},
  ) {
    this.hyperparameters = Object.keys(defaults);
    checkOptions(name, options, this.hyperparameters);
    const base = { ...defaults, ...definedEntries(options as Record<string, unknown>) };
    const groups = collectParamGroups(name, params, this.hyperparameters);
    this.paramGroups = groups.map(({ entries, overrides }) => {
      const group = {
        ...base,
        ...overrides,
        names: entries.map(([n]) => n),
        params: entries.map(([, p]) => p),
      } as ParamGroup & H;
      this.validate(group);
      return group;
    });
    if (groups.every((g) => g.entries.length === 0))
      throw new Error(`${name}: optimizer got an empty parameter list`);
    this.paramsByName = this.paramGroups.map(
      (g) => new Map(g.names.map((n, i) => [n, g.params[i]])),
    );
    const made: Storage[] = [];
    this.groupStates = trackStorages(made, () =>
      this.paramGroups.map((g) => this.transformFor(g).init(this.paramsOf(g))),
    );
    this.releaseReplaced(made, undefined, this.groupStates);
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

  /**
   * Sets the learning rate of every param group: one number for all of them, or one per group.
   * The next {@link step} uses it. PyTorch has no such method (it writes
   * `for g in opt.param_groups: g['lr'] = lr`); this is the typed form of that loop, which also
   * compiles under `noUncheckedIndexedAccess`, where `opt.paramGroups[0].lr = lr` does not. It
   * writes the same `lr` field the schedulers of `@torchlet/schedulers` write, so a scheduler's
   * next `step()` overrides it, as in PyTorch, and `ReduceLROnPlateau` reduces from it. Every
   * value is checked before any is written: a rate must be a number >= 0.
   *
   * @example
   * ```ts
   * const opt = new AdamW(model.namedParameters(), { lr: 3e-4 });
   * opt.setLr(1e-4); // every group
   * const tuned = new AdamW([{ params: body }, { params: head }], { lr: 3e-4 });
   * tuned.setLr([1e-4, 1e-3]); // one per group, in order
   * ```
   */
  setLr(lr: number | readonly number[]): void {
    const op = `${this.name}.setLr`;
    const groups = this.paramGroups.length;
    let rates: readonly number[];
    if (Array.isArray(lr)) {
      if (lr.length !== groups) {
        throw new RangeError(
          `${op}: got ${lr.length} learning rates for ${groups} param groups; pass one number ` +
            'for every group or one rate per group',
        );
      }
      rates = lr;
    } else {
      rates = this.paramGroups.map(() => lr as number);
    }
    rates.forEach((r, i) => checkLearningRate(Array.isArray(lr) ? `${op}(lr[${i}])` : op, r));
    this.paramGroups.forEach((g, i) => (g.lr = rates[i]));
  }

  private paramsOf(group: ParamGroup): Record<string, Tensor> {
    // No prototype: a parameter may be named `__proto__` or `constructor`.
    const out: Record<string, Tensor> = Object.create(null);
    group.names.forEach((n, i) => (out[n] = group.params[i]));
    return out;
  }

  /**
   * Frees the storages a transform step made that `next` does not keep, and those of `previous`
   * that the optimizer made earlier and `next` dropped. Storages it did not make (a gradient a
   * transform kept as state, say) are never freed: user code may hold them.
   */
  private releaseReplaced(made: readonly Storage[], previous: unknown, next: unknown): void {
    const kept = storagesIn(next);
    for (const s of made) {
      if (kept.has(s)) this.ownedState.add(s);
      else if (!s.disposed) s.dispose();
    }
    for (const s of storagesIn(previous)) {
      if (!kept.has(s) && this.ownedState.delete(s) && !s.disposed) s.dispose();
    }
  }

  /** Clears the gradients (to null by default, as PyTorch 2 does). */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    checkOptions(`${this.name}.zeroGrad`, options, ['setToNone']);
    const { setToNone = true } = options;
    if (typeof setToNone !== 'boolean')
      throw new TypeError(
        `${this.name}.zeroGrad: setToNone must be a boolean, got ${typeof setToNone}`,
      );
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        p.grad = setToNone ? null : p.grad.detach().mul(0);
      }
    }
  }

  /**
   * Moves state tensors onto their parameters' backend where they are elsewhere, as PyTorch
   * moves optimizer state to the parameter's device: after `model.to(backend)` ran once the
   * optimizer had made its state (PyTorch's usual order: optimizer first, then the move) or
   * loaded one. Frees the copies it leaves behind; makes nothing when all is in place.
   */
  private followParameters(): void {
    this.groupStates.forEach((old, gi) => {
      const made: Storage[] = [];
      const next = trackStorages(made, () =>
        followParams(old, this.paramsByName[gi], commonBackend(this.paramGroups[gi].params)),
      );
      if (next === old) return;
      this.groupStates[gi] = next;
      this.releaseReplaced(made, old, next);
    });
  }

  /**
   * Applies one update to every parameter that has a gradient. State made on another backend
   * (before `model.to(backend)`) first moves to its parameter's.
   */
  step(): void {
    noGrad(() => {
      this.followParameters();
      this.paramGroups.forEach((group, gi) => {
        this.validate(group);
        const params: Record<string, Tensor> = Object.create(null);
        const grads: Record<string, Tensor> = Object.create(null);
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
        // Everything the transforms make is the optimizer's own: what the new state keeps
        // stays, the rest (updates, temporaries, the state it replaces) is freed at once, so
        // device memory stays bounded in a loop that never yields to the garbage collector.
        const made: Storage[] = [];
        const old = this.groupStates[gi];
        const { state } = trackStorages(made, () => {
          const next = this.transformFor(group).update(grads as Params, old, params as Params);
          for (const [n, u] of Object.entries(next.updates)) {
            const p = params[n];
            p.copy_(p.add(u));
          }
          return next;
        });
        this.groupStates[gi] = state;
        this.releaseReplaced(made, old, state);
      });
    });
    this.steps++;
  }

  /**
   * Hyperparameters and state, with tensors keyed by parameter name (never by position), and the
   * optimizer's kind. Everything is a copy.
   */
  stateDict(): OptimizerStateDict {
    this.followParameters();
    return {
      optimizer: this.name,
      paramGroups: this.paramGroups.map((group) => {
        const { params: _p, names, ...rest } = group;
        return { ...(cloneState(rest) as Record<string, unknown>), names: [...names] };
      }),
      state: this.groupStates.map((s) => cloneState(s)),
    };
  }

  /**
   * Throws exactly what {@link loadStateDict} would throw for `saved`, and changes nothing: the
   * kind that saved it (an `Adam` state into an `SGD` is refused), the param groups (count,
   * parameter names, hyperparameter keys and values) and every parameter's state (present,
   * with the parameter's shape and dtype, no unknown names). Use it to check every part of a
   * checkpoint before loading any.
   *
   * @example
   * ```ts
   * opt.checkStateDict(saved); // e.g. `SGD.loadStateDict: this state was saved by Adam; …`
   * model.loadStateDict(weights); // only once every part has passed its checks
   * opt.loadStateDict(saved);
   * ```
   */
  checkStateDict(saved: unknown): void {
    this.checkSaved(saved);
  }

  /**
   * Restores a state saved by {@link stateDict}. Everything is checked first (see
   * {@link checkStateDict}); on a mismatch it throws and changes nothing, so the optimizer keeps
   * working. State tensors are copied, onto each parameter's backend as PyTorch moves them to
   * the parameter's device.
   *
   * @example
   * ```ts
   * const saved = opt.stateDict();
   * const resumed = new AdamW(model.namedParameters(), { lr: 3e-4 });
   * resumed.loadStateDict(saved);
   * ```
   */
  loadStateDict(saved: OptimizerStateDict): void {
    const hyper = this.checkSaved(saved);
    hyper.forEach((h, i) => Object.assign(this.paramGroups[i], cloneState(h)));
    const made: Storage[] = [];
    const old = this.groupStates;
    this.groupStates = trackStorages(made, () =>
      saved.state.map((s, i) => cloneState(s, this.paramsByName[i])),
    );
    // The state it replaces is the optimizer's alone (stateDict() hands out copies): free it.
    this.releaseReplaced(made, old, this.groupStates);
  }

  private checkSaved(saved: unknown): Record<string, unknown>[] {
    return checkOptimizerState(
      {
        name: this.name,
        groups: this.paramGroups,
        hyperparameters: this.hyperparameters,
        validate: (g) => this.validate(g),
        transformFor: (g) => this.transformFor(g),
      },
      saved,
    );
  }
}

/** The backend all of `params` live on, or undefined when they are spread over several. */
function commonBackend(params: readonly Tensor[]): Backend | undefined {
  const backend = params[0]?.backend;
  for (const p of params) if (p.backend !== backend) return undefined;
  return backend;
}

/** The entries of `options` whose value is not `undefined` (those keep the default). */
function definedEntries(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Deep copy of a state record; tensors are cloned so later in-place work cannot alias. A tensor
 * stored under a parameter's name in `params` is copied onto that parameter's backend.
 */
function cloneState(value: unknown, params?: ReadonlyMap<string, Tensor>, key = ''): unknown {
  if (value instanceof Tensor) {
    const param = params?.get(key);
    if (param !== undefined && param.backend !== value.backend)
      return value.detach().to(param.backend);
    return value.detach().clone();
  }
  if (Array.isArray(value)) return value.map((v) => cloneState(v, params));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // Defined, not assigned, so keys such as `__proto__` stay own keys.
    for (const [k, v] of Object.entries(value)) defineOwn(out, k, cloneState(v, params, k));
    return out;
  }
  return value;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The storages of every tensor in a (nested) state record. */
function storagesIn(value: unknown, into = new Set<Storage>()): Set<Storage> {
  if (value instanceof Tensor) into.add(value.storage);
  else if (Array.isArray(value)) for (const v of value) storagesIn(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) storagesIn(v, into);
  }
  return into;
}
