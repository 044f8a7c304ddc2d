import { noGrad } from '@torchlet/autograd';
import { formatShape, Tensor, type Backend, type Storage, checkOptions } from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { Parameter } from './parameter';

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (default true). */
  strict?: boolean;
}

/** What {@link Module.loadStateDict} found, with `strict: false`. */
export interface LoadStateDictResult {
  /** The model's keys that the state dict lacks (left as they were). */
  missingKeys: string[];
  /** The state dict's keys that the model does not have (ignored). */
  unexpectedKeys: string[];
}

/**
 * The base class of every layer and model, like `torch.nn.Module`. Sub-modules and
 * {@link Parameter}s are found by walking the instance's own fields in declaration order, so a
 * plain class field registers them (no Proxy, no `__setattr__` magic). Parameter names are
 * PyTorch's dotted paths (`fc1.weight`).
 *
 * A subclass declares its own `forward`, and its instances keep that signature: no type
 * arguments are needed (`class Net extends Module { forward(x: Tensor): Tensor {…} }`, then
 * `net.forward(x)` is a `Tensor` and `net.forward(3)` does not compile). The type parameters
 * describe a module from outside, for code that takes any module of one signature, such as
 * `(m: Module<[Tensor], Tensor>) => m.forward(x)`; `Sequential` infers its own from its
 * children.
 *
 * @typeParam In - the arguments `forward` takes, as a tuple (default `any[]`: unknown here).
 * @typeParam Out - what `forward` returns (default `any`: unknown here).
 *
 * @example
 * ```ts
 * class Net extends Module {
 *   fc1 = new Linear(4, 16);
 *   fc2 = new Linear(16, 3);
 *   forward(x: Tensor): Tensor {
 *     return this.fc2.forward(relu(this.fc1.forward(x)));
 *   }
 * }
 * const net = new Net();
 * net.namedParameters().map(([name]) => name); // ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
 * ```
 */
export abstract class Module<In extends unknown[] = any[], Out = any> {
  // (any in the defaults: they say nothing of a signature, so every subclass fits them.)
  /** True in training mode (the default), false after {@link eval}. */
  training = true;
  readonly #buffers = new Set<string>();

  /**
   * The computation, which each subclass declares with its own inputs and output. Call it as
   * `module.forward(x)` (PyTorch's `module(x)`).
   *
   * @example
   * ```ts
   * const y: Tensor = new Linear(4, 2).forward(randn([8, 4])); // [8, 2]
   * ```
   */
  abstract forward(...inputs: In): Out;

  /**
   * Registers a tensor that is part of the state (saved in {@link stateDict}) but not trained,
   * such as running statistics.
   */
  registerBuffer(name: string, value: Tensor): void {
    // Defined, not assigned: `registerBuffer('__proto__', t)` must not replace the prototype.
    Object.defineProperty(this, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    this.#buffers.add(name);
  }

  /** Direct sub-modules with their field names, in declaration order. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [key, value] of Object.entries(this))
      if (value instanceof Module) out.push([key, value]);
    return out;
  }

  /** Direct sub-modules, in declaration order. */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names (`''` for this one), depth first. */
  namedModules(): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const stack: [string, Module][] = [['', this]];
    while (stack.length > 0) {
      const [name, module] = stack.pop()!;
      if (seen.has(module)) continue;
      seen.add(module);
      out.push([name, module]);
      const kids = module.namedChildren();
      for (let i = kids.length - 1; i >= 0; i--) {
        const [key, child] = kids[i];
        stack.push([name === '' ? key : `${name}.${key}`, child]);
      }
    }
    return out;
  }

  /** Every module in the tree, this one first. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * Parameters with dotted names, in registration order. A shared (tied) parameter appears
   * once, under the first name the walk meets, as PyTorch's `named_parameters()` lists it; so
   * an optimizer built from this list updates it once. {@link stateDict} lists every name.
   *
   * @example
   * ```ts
   * class Tied extends Module {
   *   wte = new Embedding(10, 4);
   *   lmHead = new Linear(4, 10, { bias: false });
   *   constructor() {
   *     super();
   *     this.lmHead.weight = this.wte.weight; // one parameter, two names
   *   }
   *   forward(idx: Tensor) { return this.lmHead.forward(this.wte.forward(idx)); }
   * }
   * new Tied().namedParameters().map(([n]) => n); // ['wte.weight']
   * ```
   */
  namedParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<Parameter>();
    for (const [prefix, module] of this.namedModules()) {
      for (const [key, value] of Object.entries(module)) {
        if (value instanceof Parameter && !seen.has(value)) {
          seen.add(value);
          out.push([prefix === '' ? key : `${prefix}.${key}`, value]);
        }
      }
    }
    return out;
  }

  /** Every parameter, in registration order (what optimizers take). */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Buffers with dotted names. */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const key of module.#buffers) {
        const value = (module as unknown as Record<string, unknown>)[key];
        if (value instanceof Tensor) out.push([prefix === '' ? key : `${prefix}.${key}`, value]);
      }
    }
    return out;
  }

  /** Total number of elements in the parameters (trainable only, when asked). */
  numParameters(onlyTrainable = false): number {
    let n = 0;
    for (const p of this.parameters()) if (!onlyTrainable || p.requiresGrad) n += p.numel();
    return n;
  }

  /** Sets training mode here and in every descendant (affects Dropout and the like). */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's gradient (to null by default, as PyTorch 2 does). */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    checkOptions('Module.zeroGrad', options, ['setToNone']);
    const setToNone = checkChoice('Module.zeroGrad', 'setToNone', options.setToNone ?? true, [
      true,
      false,
    ]);
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else p.grad = p.grad.detach().mul(0);
    }
  }

  /** Calls `fn` on every descendant and then on this module (for custom initialisation). */
  apply(fn: (module: Module) => void): this {
    const order = this.modules().reverse();
    for (const m of order) fn(m);
    return this;
  }

  /**
   * Every state entry under every name it has, in PyTorch's `state_dict` order: each module's
   * parameters, then its buffers, then its children's, depth first. Unlike
   * {@link namedParameters}, nothing is deduplicated: a tied parameter or a module registered
   * twice appears under each of its names, as in PyTorch's `state_dict`.
   */
  #stateEntries(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const path = new Set<Module>(); // a module inside itself would recurse forever
    const visit = (module: Module, prefix: string) => {
      if (path.has(module)) return;
      path.add(module);
      const fields = module as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(module))
        if (value instanceof Parameter) out.push([prefix + key, value]);
      for (const key of module.#buffers) {
        const value = fields[key];
        if (value instanceof Tensor) out.push([prefix + key, value]);
      }
      for (const [key, child] of module.namedChildren()) visit(child, `${prefix}${key}.`);
      path.delete(module);
    };
    visit(this, '');
    return out;
  }

  /**
   * Parameters and buffers by dotted name, detached, in PyTorch's `state_dict` order. A tied
   * parameter is stored under each of its names (the values share its storage), as PyTorch's
   * `state_dict` does, so checkpoints keep PyTorch's keys.
   *
   * @example
   * ```ts
   * Object.keys(new Linear(4, 2).stateDict()); // ['weight', 'bias']
   * ```
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    // Defined, not assigned, so a key such as `__proto__` stays an own key.
    for (const [name, t] of this.#stateEntries()) {
      Object.defineProperty(out, name, {
        value: t.detach(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /**
   * Copies a state dict into the parameters and buffers. Every key and shape is checked before
   * anything is written, so a failed call leaves the module untouched.
   *
   * A tied parameter has several keys (see {@link stateDict}); each is accepted. It counts as
   * present when any of them is in `state` (so a checkpoint that names it once still loads
   * strictly), and when several are, they must hold the same values: the parameter is one
   * tensor and cannot take two.
   *
   * @example
   * ```ts
   * const copy = new Net();
   * copy.loadStateDict(net.stateDict());
   * ```
   */
  loadStateDict(
    state: Readonly<Record<string, Tensor>>,
    options: LoadStateDictOptions = {},
  ): LoadStateDictResult {
    checkOptions('Module.loadStateDict', options, ['strict']);
    const strict = checkChoice('Module.loadStateDict', 'strict', options.strict ?? true, [
      true,
      false,
    ]);
    const targets = new Map<string, Tensor>(this.#stateEntries());
    // Own keys only: `constructor` or `toString` must not count as present.
    const own = (k: string) => Object.hasOwn(state, k);
    // Every name of each tensor (more than one when tied), in state_dict order.
    const names = new Map<Tensor, string[]>();
    for (const [key, target] of targets) names.set(target, [...(names.get(target) ?? []), key]);
    const missingKeys = [...targets.keys()].filter((k) => !names.get(targets.get(k)!)!.some(own));
    const unexpectedKeys = Object.keys(state).filter((k) => !targets.has(k));
    const problems: string[] = [];
    if (strict && unexpectedKeys.length > 0) {
      problems.push(
        `Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`,
      );
    }
    if (strict && missingKeys.length > 0) {
      problems.push(
        `Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`,
      );
    }
    for (const [key, target] of targets) {
      const value = own(key) ? state[key] : undefined;
      if (value === undefined) continue;
      if (!(value instanceof Tensor)) {
        problems.push(`value for ${key} is not a Tensor.`);
      } else if (formatShape(value.shape) !== formatShape(target.shape)) {
        problems.push(
          `size mismatch for ${key}: copying a param with shape ${formatShape(value.shape)} from checkpoint, ` +
            `the shape in current model is ${formatShape(target.shape)}.`,
        );
      }
    }
    // The first present name of each tensor is the one copied; the others must agree with it.
    const sources = new Map<Tensor, string>();
    for (const [target, keys] of names) {
      const present = keys.filter((k) => own(k) && state[k] instanceof Tensor);
      if (present.length === 0) continue;
      sources.set(target, present[0]);
      if (problems.length > 0) continue; // a shape problem makes the values meaningless
      for (const other of present.slice(1)) {
        if (!sameValues(state[present[0]], state[other])) {
          problems.push(
            `${present[0]} and ${other} name one tied parameter, but the checkpoint holds ` +
              `different values for them; keep one of the two keys (or make them equal).`,
          );
        }
      }
    }
    if (problems.length > 0) {
      throw new Error(
        `loadStateDict: error(s) in loading state_dict for ${this.constructor.name}:\n\t${problems.join('\n\t')}`,
      );
    }
    noGrad(() => {
      for (const [target, key] of sources) target.copy_(state[key]);
    });
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Moves every parameter and buffer to `backend` in place (PyTorch's `model.to(device)`), so
   * the same Parameter objects now live there; gradients are cleared. Returns the module. An
   * optimizer may be created before or after: its state follows its parameters at its next step
   * (`@torchlet/optim`). Inputs move with `tensor.to(backend)`.
   *
   * @example
   * ```ts
   * const opt = new AdamW(model.parameters()); // before or after the move
   * const gpu = await gpujs({ mode: 'webasm' });
   * model.to(gpu);
   * const y = model.forward(x.to(gpu));
   * ```
   */
  to(backend: Backend): this {
    const seen = new Set<Storage>();
    for (const t of [...this.parameters(), ...this.namedBuffers().map(([, b]) => b)]) {
      if (!seen.has(t.storage)) {
        seen.add(t.storage);
        t.storage.moveTo(backend, t.dtype);
      }
      t.grad = null;
    }
    return this;
  }

  /** One line of settings shown by {@link toString}, like PyTorch's `extra_repr`. */
  extraRepr(): string {
    return '';
  }

  /** Prints the module tree like PyTorch does. */
  toString(): string {
    const kids = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (kids.length === 0) return `${head})`;
    const lines = kids.map(
      ([name, child]) => `  (${name}): ${String(child).split('\n').join('\n  ')}`,
    );
    return `${this.constructor.name}(\n${lines.join('\n')}\n)`;
  }
}

/** Whether two same-shaped tensors hold the same values (NaN equal to NaN, as `torch.equal` is not). */
function sameValues(a: Tensor, b: Tensor): boolean {
  if (a === b) return true;
  // Views of one storage with one layout (what `stateDict()` writes for a tied parameter).
  if (
    a.storage === b.storage &&
    a.offset === b.offset &&
    a.dtype === b.dtype &&
    a.strides.every((s, i) => s === b.strides[i])
  )
    return true;
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false;
  }
  return true;
}
