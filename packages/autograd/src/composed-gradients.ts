import { cat, zerosLike, type Tensor } from '@torchlet/tensor';
import { runBackward } from './engine';
import { enableGrad, isGradEnabled, noGrad } from './grad-mode';
import { Node } from './node';

/** A differentiable function of a list of tensors, written with tensor ops. */
export type Composition = (inputs: readonly Tensor[]) => Tensor;

/**
 * The gradient of each input of `f` at `inputs` for the output gradient `grad` (`Jᵀ·grad`),
 * found by differentiating `f` itself: the backward of a fused op that gives no backward
 * composition of its own. Null where `needs[i]` is false.
 *
 * `f` is re-run on leaves cut off from the caller's graph, so the walk stays inside `f`. When
 * the backward is itself recorded (`createGraph`), the gradients are the output of one node
 * over the inputs and `grad`, named `name` + `Backward`, whose backward differentiates this
 * function again: every order of derivative works.
 *
 * @example
 * ```ts
 * const [gx] = composedGradients(([x]) => x.mul(x), [x], onesLike(x), [true], 'SquareBackward0');
 * ```
 */
export function composedGradients(
  f: Composition,
  inputs: readonly Tensor[],
  grad: Tensor,
  needs: readonly boolean[],
  name: string,
): (Tensor | null)[] {
  const recorded = isGradEnabled() && (grad.requiresGrad || inputs.some((x) => x.requiresGrad));
  if (!recorded || !needs.some((n) => n)) {
    return gradientsAt(f, leavesOf(inputs, needs), grad.detach(), needs, false);
  }
  const all = [...inputs, grad];
  const again = doubleName(name);
  // The flat gradients, as one function of the inputs and `grad` (a node has one output). Its
  // value needs a graph through every input `needs` names, whatever the next order asks for.
  const g: Composition = (xs) => {
    const leaves = xs
      .slice(0, -1)
      .map((x, i) => (needs[i] && !x.requiresGrad ? leavesOf([x], [true])[0] : x));
    return flatten(gradientsAt(f, leaves, xs.at(-1)!, needs, true));
  };
  const flat = noGrad(() =>
    flatten(gradientsAt(f, leavesOf(inputs, needs), grad.detach(), needs, false)),
  ).detach();
  flat.gradFn = new Node(
    again,
    all,
    (upstream, allNeeds) => composedGradients(g, all, upstream, allNeeds, again),
    { saved: all },
  );
  flat.requiresGrad = true;
  return unflatten(flat, inputs, needs);
}

/** `inputs` cut off from their graph: leaves that require grad where `needs` says. */
function leavesOf(inputs: readonly Tensor[], needs: readonly boolean[]): Tensor[] {
  return inputs.map((x, i) => (needs[i] ? x.detach().requiresGrad_() : x.detach()));
}

/** `Jᵀ·grad` of `f` at `leaves`; with `createGraph`, as a graph over the leaves and `grad`. */
function gradientsAt(
  f: Composition,
  leaves: readonly Tensor[],
  grad: Tensor,
  needs: readonly boolean[],
  createGraph: boolean,
): (Tensor | null)[] {
  return enableGrad(() => {
    const y = f(leaves);
    const wanted = leaves.filter((_, i) => needs[i]);
    const found =
      wanted.length === 0
        ? []
        : y.requiresGrad
          ? runBackward([y], [grad], {
              inputs: wanted,
              allowUnused: true,
              createGraph,
              retainGraph: createGraph,
            })!
          : wanted.map((x) => zerosLike(x));
    let k = 0;
    return needs.map((n) => (n ? found[k++] : null));
  });
}

function flatten(grads: readonly (Tensor | null)[]): Tensor {
  const parts = grads.filter((g): g is Tensor => g !== null).map((g) => g.reshape([-1]));
  return parts.length === 1 ? parts[0] : cat(parts, 0);
}

/** Cuts the flat gradients back into one per needed input (recorded views of `flat`). */
function unflatten(
  flat: Tensor,
  inputs: readonly Tensor[],
  needs: readonly boolean[],
): (Tensor | null)[] {
  let offset = 0;
  return inputs.map((x, i) => {
    if (!needs[i]) return null;
    const n = x.numel();
    const part = flat.narrow(0, offset, n).reshape(x.shape);
    offset += n;
    return part;
  });
}

/** `GeluBackward0` → `GeluBackwardBackward0`, as PyTorch names a backward's backward. */
function doubleName(name: string): string {
  return name.endsWith('Backward0') ? `${name.slice(0, -1)}Backward0` : `${name}Backward`;
}
