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
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * The base class of every layer and model, like `torch.nn.Module`. Sub-modules and
 * {@link Parameter}s are found by walking the instance's own fields in declaration order, so a
 * plain class field registers them (no Proxy, no `__setattr__` magic). Parameter names are
 * PyTorch's dotted paths (`fc1.weight`).
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
export abstract class Module {
  /** True in training mode (the default), false after {@link eval}. */
  training = true;
  readonly #buffers = new Set<string>();

  /** The computation. Call it as `module.forward(x)`. */
  abstract forward(...inputs: any[]): any; // any: each subclass declares its own inputs and output

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

  /** Parameters with dotted names, in registration order; a shared parameter appears once. */
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

  /** Parameters and buffers by dotted name, detached, in PyTorch's `state_dict` order. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    const entries = [...this.namedParameters(), ...this.namedBuffers()];
    // Defined, not assigned, so a key such as `__proto__` stays an own key.
    for (const [name, t] of entries) {
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
    const targets = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    // Own keys only: `constructor` or `toString` must not count as present.
    const own = (k: string) => Object.hasOwn(state, k);
    const missingKeys = [...targets.keys()].filter((k) => !own(k));
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
    if (problems.length > 0) {
      throw new Error(
        `loadStateDict: error(s) in loading state_dict for ${this.constructor.name}:\n\t${problems.join('\n\t')}`,
      );
    }
    noGrad(() => {
      for (const [key, target] of targets) {
        if (own(key)) target.copy_(state[key]);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Moves every parameter and buffer to `backend` in place (PyTorch's `model.to(device)`), so
   * the same Parameter objects now live there; gradients are cleared. Call it before creating
   * the optimizer, whose state lives where the parameters were.
   *
   * @example
   * ```ts
   * model.to(await gpujs({ mode: 'webasm' }));
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
