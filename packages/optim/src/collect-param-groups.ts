import { Tensor } from '@torchlet/tensor';
import { checkOptions } from './check-options';

/** Parameters as an optimizer takes them: plain, named (`model.namedParameters()`), or groups. */
export type ParamsInput =
  Iterable<Tensor> | Iterable<readonly [string, Tensor]> | readonly ParamGroupInput[];

/** One group with its own hyperparameters, e.g. `{ params: biases, weightDecay: 0 }`. */
export interface ParamGroupInput {
  /** The group's parameters (a single Tensor is taken as a list of one, as in PyTorch). */
  params: Iterable<Tensor> | Iterable<readonly [string, Tensor]> | Tensor;
  /** This group's learning rate (default: the optimizer's). */
  lr?: number;
  /** This group's weight decay (default: the optimizer's), e.g. 0 for biases and norms. */
  weightDecay?: number;
  [hyperparameter: string]: unknown;
}

/** A group as the optimizer builds it: named parameters and the hyperparameters it overrides. */
export interface CollectedGroup {
  entries: [string, Tensor][];
  overrides: Record<string, unknown>;
}

function isGroup(item: unknown): item is ParamGroupInput {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && 'params' in item;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

/**
 * Splits an optimizer's `params` argument into groups of named parameters and checks it as
 * PyTorch does: every parameter requires grad and appears once (the same Tensor twice, in one
 * group or two, under one name or two, would be updated twice per step), and a group's keys
 * are `params` and the optimizer's hyperparameters (`hyperparameters`). Unnamed parameters are
 * named `<group>.<index>`.
 *
 * @example
 * ```ts
 * collectParamGroups('SGD', [{ params: [w] }, { params: [b], lr: 0 }], ['lr', 'momentum']);
 * // [{ entries: [['0.0', w]], overrides: {} }, { entries: [['1.0', b]], overrides: { lr: 0 } }]
 * ```
 */
export function collectParamGroups(
  op: string,
  params: ParamsInput,
  hyperparameters: readonly string[],
): CollectedGroup[] {
  if (params instanceof Tensor || !isIterable(params)) {
    throw new TypeError(
      `${op}: params should be an iterable of Tensors, of [name, Tensor] pairs or of param ` +
        `groups, got ${params instanceof Tensor ? 'a Tensor; pass [tensor]' : describe(params)}`,
    );
  }
  const items = [...(params as Iterable<unknown>)];
  const grouped = items.length > 0 && isGroup(items[0]);
  const groups: ParamGroupInput[] = grouped
    ? items.map((g, gi) => {
        if (!isGroup(g)) {
          throw new TypeError(
            `${op}: params mixes param groups and parameters; item ${gi} is ${describe(g)}, ` +
              'expected { params, …hyperparameters }',
          );
        }
        return g;
      })
    : [{ params: items as Tensor[] }];
  const names = new Set<string>();
  const seen = new Map<Tensor, string>();
  return groups.map((group, gi) => {
    checkOptions(`${op} param group ${gi}`, group, ['params', ...hyperparameters]);
    const { params: list, ...rest } = group;
    const overrides: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) overrides[k] = v;
    const members = list instanceof Tensor ? [list] : list;
    if (!isIterable(members)) {
      throw new TypeError(
        `${op}: param group ${gi}'s params should be an iterable of Tensors, got ${describe(members)}`,
      );
    }
    const entries: [string, Tensor][] = [];
    let i = 0;
    for (const item of members) {
      let entry: [string, Tensor];
      if (item instanceof Tensor) entry = [`${gi}.${i}`, item];
      else if (Array.isArray(item) && typeof item[0] === 'string' && item[1] instanceof Tensor)
        entry = [item[0], item[1]];
      else
        throw new TypeError(
          `${op}: params must be Tensors or [name, Tensor] pairs, got ${describe(item)} at index ${i}`,
        );
      const [name, p] = entry;
      const earlier = seen.get(p);
      if (earlier !== undefined) {
        throw new Error(
          `${op}: some parameters appear in more than one parameter group (the same tensor is ` +
            `both '${earlier}' and '${name}'); pass each parameter once`,
        );
      }
      if (names.has(name)) {
        throw new Error(`${op}: two different parameters are both named '${name}'`);
      }
      if (!p.requiresGrad) throw new Error(`${op}: parameter ${name} does not require grad`);
      names.add(name);
      seen.set(p, name);
      entries.push(entry);
      i++;
    }
    return { entries, overrides };
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
