import {
  formatShape,
  onesLike,
  zerosLike,
  Tensor,
  type BackwardOptions,
  type GradientEngine,
  type Primitive,
  type PrimitiveAttrs,
} from '@torchlet/tensor';
import { isGradEnabled, setGradEnabled } from './grad-mode';
import { GradientLedger } from './gradient-ledger';
import { Node, type BackwardFunction } from './node';
import { gradientRules } from './rules/gradient-rules';
import type { Rule } from './rules/rule';
import { savedTensors } from './saved-tensors';

// PyTorch's node names, built once: `mul` → `MulBackward0`.
const nodeNames = Object.fromEntries(
  Object.keys(gradientRules).map((op) => [op, `${op[0].toUpperCase()}${op.slice(1)}Backward0`]),
) as Record<Primitive, string>;

/**
 * The node's backward function. Built here, apart from `record`, so that it closes over the
 * saved record alone and never over the op's inputs or output.
 */
function backwardOf<K extends Primitive, S>(rule: Rule<K, S>, saved: S): BackwardFunction {
  return (grad, needs) => rule.backward(saved, grad, needs);
}

/** Records one primitive: the output gets a {@link Node} holding what the rule saved. */
function record<K extends Primitive>(
  op: K,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs: PrimitiveAttrs[K],
): void {
  const rule = gradientRules[op] as Rule<K, unknown>;
  const needs = inputs.map((t) => t.requiresGrad);
  const saved = rule.save({ inputs, output, attrs }, needs);
  output.gradFn = new Node(nodeNames[op], inputs, backwardOf(rule, saved), {
    saved: savedTensors(saved),
  });
  output.requiresGrad = true;
}

/** Options of {@link runBackward}. */
export interface RunBackwardOptions extends BackwardOptions {
  /**
   * Collect the gradients of these tensors and return them, instead of accumulating into the
   * leaves' `.grad` (torch.autograd.grad).
   */
  inputs?: readonly Tensor[];
  /** With `inputs`: give zeros for an input the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

function checkRoot(root: Tensor, gradient: Tensor | undefined): Tensor {
  if (!root.requiresGrad) {
    throw new Error(
      `backward: tensor ${formatShape(root.shape)} does not require grad and has no gradFn; ` +
        'set requiresGrad on the leaves you want gradients for (tensor(…, { requiresGrad: true }))',
    );
  }
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new Error(
        `backward: grad can be implicitly created only for scalar outputs, but the tensor has shape ` +
          `${formatShape(root.shape)}; pass a gradient of that shape: y.backward(gradient)`,
      );
    }
    return onesLike(root);
  }
  if (!(gradient instanceof Tensor)) throw new TypeError('backward: gradient must be a Tensor');
  if (
    gradient.shape.length !== root.shape.length ||
    gradient.shape.some((s, i) => s !== root.shape[i])
  ) {
    throw new RangeError(
      `backward: gradient has shape ${formatShape(gradient.shape)} but the tensor has shape ` +
        `${formatShape(root.shape)}; they must match`,
    );
  }
  return gradient;
}

/**
 * Walks the graph from `roots` in reverse topological order, accumulating each node's incoming
 * gradients before running its rule (so reused tensors get the sum, as in micrograd). The order
 * is found iteratively, so a chain of 100,000 ops needs no deep stack. Every buffer the pass
 * makes and uses up is freed as it goes (see `GradientLedger` in `src/gradient-ledger.ts`).
 */
export function runBackward(
  roots: readonly Tensor[],
  gradients: readonly (Tensor | undefined)[],
  options: RunBackwardOptions = {},
): Tensor[] | undefined {
  const { retainGraph = false, createGraph = false, inputs } = options;
  const ledger = new GradientLedger(!createGraph);
  const seeds = ledger.run(() => roots.map((r, i) => checkRoot(r, gradients[i])));
  const captureLeaf = new Map<Tensor, Tensor | undefined>();
  const captureNode = new Map<Node, Tensor>();
  if (inputs !== undefined) {
    for (const t of inputs) {
      if (!t.requiresGrad) {
        throw new Error(`grad: one of the inputs (${formatShape(t.shape)}) does not require grad`);
      }
      if (t.gradFn instanceof Node) captureNode.set(t.gradFn, t);
      else captureLeaf.set(t, undefined);
    }
  }
  const captured = new Map<Tensor, Tensor>();

  const previous = setGradEnabled(createGraph);
  try {
    // Count, for every node reachable from the roots, how many edges point at it.
    const pending = new Map<Node, number>();
    const stack: Node[] = [];
    for (const r of roots) {
      if (r.gradFn instanceof Node && !pending.has(r.gradFn)) {
        pending.set(r.gradFn, 0);
        stack.push(r.gradFn);
      }
    }
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const edge of node.edges) {
        if (!(edge instanceof Node)) continue;
        const seen = pending.get(edge);
        pending.set(edge, (seen ?? 0) + 1);
        if (seen === undefined) stack.push(edge);
      }
    }

    const grads = new Map<Node, Tensor>();
    const leafGrads = new Map<Tensor, Tensor>();
    /** Adds `g` to what `key` has pending; the ledger follows which buffers stay referenced. */
    const accumulate = <K>(into: Map<K, Tensor>, key: K, g: Tensor): void => {
      const old = into.get(key);
      const next = old === undefined ? g : old.add(g);
      into.set(key, next);
      ledger.hold(next);
      if (old !== undefined) ledger.drop(old);
    };
    const ready: Node[] = [];
    roots.forEach((r, i) => {
      if (r.gradFn instanceof Node) accumulate(grads, r.gradFn, seeds[i]);
      else accumulate(leafGrads, r, seeds[i]);
    });
    for (const [node, count] of pending) if (count === 0) ready.push(node);

    while (ready.length > 0) {
      const node = ready.pop()!;
      const g = grads.get(node)!;
      grads.delete(node);
      const owner = captureNode.get(node);
      if (owner !== undefined) {
        captured.set(owner, g);
        ledger.escape(g);
      }
      ledger.run(() => {
        const inputGrads = node.foreign ? ledger.foreign(() => node.apply(g)) : node.apply(g);
        node.edges.forEach((edge, i) => {
          if (edge === null) return;
          let gi = inputGrads[i];
          if (edge instanceof Node) {
            if (gi !== null && gi !== undefined) {
              if (gi.dtype !== node.inputDTypes[i]) gi = gi.to(node.inputDTypes[i]);
              accumulate(grads, edge, gi);
            }
            const left = pending.get(edge)! - 1;
            pending.set(edge, left);
            if (left === 0) {
              if (grads.has(edge)) ready.push(edge);
              else markDone(edge, pending, ready, grads);
            }
          } else if (gi !== null && gi !== undefined) {
            if (gi.dtype !== edge.dtype) gi = gi.to(edge.dtype);
            accumulate(leafGrads, edge, gi);
          }
        });
      });
      ledger.drop(g);
      ledger.sweep();
      // As PyTorch does, a node's saved tensors go as soon as its backward has run.
      if (!retainGraph) node.release(!createGraph);
    }

    for (const [leaf, g] of leafGrads) {
      if (inputs !== undefined) {
        if (captureLeaf.has(leaf)) {
          captured.set(leaf, g);
          ledger.escape(g);
        }
        ledger.drop(g);
        continue;
      }
      ledger.run(() => {
        // Stored grads are plain contiguous tensors with no history (unless createGraph), each
        // with a buffer of its own.
        let value = createGraph ? g : g.detach().contiguous();
        if (!createGraph && leaf.grad === null && !ledger.owns(value)) value = value.clone();
        leaf.grad =
          leaf.grad === null
            ? value
            : createGraph
              ? leaf.grad.add(value)
              : leaf.grad.add(value).detach();
        ledger.escape(leaf.grad);
      });
      ledger.drop(g);
      ledger.sweep();
    }
  } finally {
    setGradEnabled(previous);
  }

  if (inputs === undefined) return undefined;
  return inputs.map((t) => {
    const g = captured.get(t);
    if (g === undefined && options.allowUnused) return zerosLike(t);
    if (g === undefined) {
      throw new Error(
        `grad: one of the inputs (${formatShape(t.shape)}) was not used in the graph; ` +
          'it has no gradient',
      );
    }
    return createGraph ? g : g.detach();
  });
}

/** A node whose inputs got no gradient still releases its dependents, so the walk ends. */
function markDone(
  node: Node,
  pending: Map<Node, number>,
  ready: Node[],
  grads: Map<Node, Tensor>,
): void {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const edge of n.edges) {
      if (!(edge instanceof Node)) continue;
      const left = pending.get(edge)! - 1;
      pending.set(edge, left);
      if (left === 0) {
        if (grads.has(edge)) ready.push(edge);
        else stack.push(edge);
      }
    }
  }
}

/** The engine `@torchlet/autograd` attaches to `@torchlet/tensor`. */
export const engine: GradientEngine = {
  isGradEnabled,
  record,
  backward(root, gradient, options) {
    runBackward([root], [gradient], options);
  },
};
