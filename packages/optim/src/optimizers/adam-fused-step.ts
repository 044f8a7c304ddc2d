import { adamStep_ } from '../adam-step';
import type { ChainState } from '../transforms/chain';
import type { Params } from '../types';
import type { AdamChain } from './adam-chain';

/**
 * Adam's or AdamW's step as one {@link adamStep_} per parameter (torch.optim's float
 * operations, in place), continuing the state of `parts.tx` and returning it updated. The
 * members' states are read and written through the chain's typed accessors, by identity.
 * `undefined` (take the transform path) for AMSGrad, and for a chain the kernel does not
 * compute: anything but `scaleByAdam` and `addDecayedWeights` (in either order: decoupled
 * decay when Adam comes first, L2 otherwise) followed by `scaleByLearningRate`.
 *
 * @example
 * ```ts
 * protected fusedStep(g, state, params, grads) { return adamFusedStep(adamChain(g, true), state, params, grads); }
 * ```
 */
export function adamFusedStep(
  parts: AdamChain,
  state: unknown,
  params: Params,
  grads: Params,
): ChainState | undefined {
  const { tx, adam, decay, rate, hyper } = parts;
  const order = tx.transforms;
  if (parts.amsgrad || order.length !== 3 || order[2] !== rate) return undefined;
  const decoupled = order[0] === adam && order[1] === decay;
  if (!decoupled && !(order[0] === decay && order[1] === adam)) return undefined;
  const chainState = state as ChainState;
  const moments = tx.stateOf(adam, chainState);
  const count = { ...moments.count };
  // One options object for the group, its step set per parameter (no allocation per tensor).
  const options = { ...hyper, decoupled, step: 0 };
  for (const name in grads) {
    const step = (count[name] ?? 0) + 1;
    count[name] = step;
    options.step = step;
    adamStep_(params[name], grads[name], moments.mu[name], moments.nu[name], options);
  }
  const next = tx.withState(chainState, adam, { count, mu: moments.mu, nu: moments.nu });
  const lrState = tx.stateOf(rate, chainState);
  return tx.withState(next, rate, { count: lrState.count + 1, lr: hyper.lr });
}
