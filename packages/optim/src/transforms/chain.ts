import { expectRecord } from '../check-param-record';
import type { GradientTransform, Params } from '../types';

/** The state of a chain: each transform's state under its name. */
export type ChainState = Record<string, unknown>;

/** The state type of a transform: `StateOf<typeof adam>` is `ScaleByAdamState`. */
export type StateOf<T> = T extends GradientTransform<infer S, string> ? S : never;

// `any`: a chain holds transforms of every state type.
type AnyTransform = GradientTransform<any, string>;

/**
 * What {@link chain} returns: a transform whose state is a record keyed by its members' names,
 * plus typed accessors to one member's state. A member is found by identity (the very object
 * passed to `chain`), never by its name, so renaming a transform, reordering the chain or
 * adding a second transform of the same kind cannot make an accessor read another member's
 * state. A transform of a kind the chain does not hold is a compile error.
 */
export interface Chain<
  Ts extends readonly AnyTransform[] = readonly AnyTransform[],
> extends GradientTransform<ChainState, 'chain'> {
  /** The members, in the order they run. */
  readonly transforms: Ts;
  /**
   * The key of `member`'s state in this chain's state record: its name, with `#2`, `#3`, … for
   * a repeated name. Throws if `member` is not in the chain, or is in it twice (ambiguous).
   */
  keyOf(member: Ts[number]): string;
  /**
   * `member`'s state inside `state` (a state this chain made), typed as the member's state.
   *
   * @example
   * ```ts
   * const adam = scaleByAdam();
   * const tx = chain(adam, scaleByLearningRate(1e-3));
   * const moments = tx.stateOf(adam, tx.init(params)).mu; // ScaleByAdamState's first moments
   * ```
   */
  stateOf<T extends Ts[number]>(member: T, state: ChainState): StateOf<T>;
  /**
   * A copy of `state` with `member`'s state replaced by `memberState`; `state` is not changed.
   *
   * @example
   * ```ts
   * const next = tx.withState(state, adam, { ...tx.stateOf(adam, state), count: { w: 0 } });
   * ```
   */
  withState<T extends Ts[number]>(
    state: ChainState,
    member: T,
    memberState: StateOf<T>,
  ): ChainState;
}

/**
 * Runs transforms one after another, feeding each one's updates to the next. The state is a
 * record keyed by transform name (`scaleByAdam`, `scaleByLearningRate`, …; a repeated name
 * gets a `#2` suffix), so `state.scaleByLearningRate.lr` is easy to find when inspecting a
 * saved state. Code reads a member's state through the typed {@link Chain.stateOf}, which
 * finds the member by identity rather than by that key.
 *
 * @example
 * ```ts
 * const adam = scaleByAdam();
 * const adamw = chain(adam, addDecayedWeights(0.01), scaleByLearningRate(1e-3));
 * const { mu, nu } = adamw.stateOf(adam, adamw.init(params));
 * ```
 */
export function chain<Ts extends readonly AnyTransform[]>(...transforms: Ts): Chain<Ts> {
  const keys: string[] = [];
  for (const t of transforms) {
    let key: string = t.name;
    for (let i = 2; keys.includes(key); i++) key = `${t.name}#${i}`;
    keys.push(key);
  }
  const keyOf = (member: AnyTransform, op: string): string => {
    const at = transforms.indexOf(member);
    if (at === -1) {
      throw new Error(
        `chain.${op}: the transform '${member.name}' is not a member of this chain ` +
          `(its members: ${keys.join(', ')}); pass the object given to chain()`,
      );
    }
    if (transforms.indexOf(member, at + 1) !== -1) {
      throw new Error(
        `chain.${op}: the transform '${member.name}' is in this chain more than once, so its ` +
          'state is ambiguous; pass a separate scaleBy…() call for each place',
      );
    }
    return keys[at];
  };
  return {
    name: 'chain',
    transforms,
    keyOf: (member) => keyOf(member, 'keyOf'),
    stateOf(member, state) {
      const key = keyOf(member, 'stateOf');
      if (!Object.hasOwn(state, key)) {
        throw new Error(
          `chain.stateOf: the state has no entry '${key}' for the transform '${member.name}' ` +
            `(its keys: ${Object.keys(state).join(', ') || 'none'}); it was not made by this chain`,
        );
      }
      return state[key] as StateOf<typeof member>;
    },
    withState(state, member, memberState) {
      return { ...state, [keyOf(member, 'withState')]: memberState };
    },
    init(params) {
      const state: ChainState = {};
      transforms.forEach((t, i) => (state[keys[i]] = t.init(params)));
      return state;
    },
    update(grads, state, params) {
      let updates: Params = grads;
      const next: ChainState = {};
      transforms.forEach((t, i) => {
        const result = t.update(updates, state[keys[i]], params);
        updates = result.updates;
        next[keys[i]] = result.state;
      });
      return { updates, state: next };
    },
    checkState(state, params, path) {
      const record = expectRecord(state, path, keys);
      transforms.forEach((t, i) => t.checkState?.(record[keys[i]], params, `${path}.${keys[i]}`));
    },
  };
}
