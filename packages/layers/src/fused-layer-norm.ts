import { fusedOp } from '@torchlet/autograd';
import { fromBuffer, numel, type Tensor, type View } from '@torchlet/tensor';
import { layerNormStats } from './layer-norm-stats';

/** The attributes of one layer norm: which inputs follow `x`, and over how many trailing dims. */
interface LayerNormAttrs {
  normalizedNdim: number;
  eps: number;
  affine: { weight: boolean; bias: boolean };
}

/** Layer norm as one fused op (`NativeLayerNormBackward0`); inputs `[x, weight?, bias?]`. */
const layerNormOp = /* @__PURE__ */ fusedOp({
  name: 'NativeLayerNormBackward0',
  forward(inputs, { normalizedNdim, eps, affine }: LayerNormAttrs) {
    const x = inputs[0];
    const kernel = x.backend.fused?.layerNorm;
    if (kernel === undefined || x.numel() === 0) return undefined;
    const cols = numel(x.shape.slice(x.ndim - normalizedNdim));
    const weight = affine.weight ? rowsOf(inputs[1], cols) : null;
    const bias = affine.bias ? rowsOf(inputs[inputs.length - 1], cols) : null;
    const r = kernel(rowsOf(x, cols), weight, bias, eps, x.dtype);
    const rows = x.numel() / cols;
    return {
      output: fromBuffer(x, r.output, x.shape, x.dtype),
      // Each row's statistics, made for the backward kernel: the node owns and frees them.
      mean: fromBuffer(x, r.mean, [rows], x.dtype),
      rstd: fromBuffer(x, r.rstd, [rows], x.dtype),
    };
  },
  compose(inputs, { normalizedNdim, eps, affine }) {
    const { centered, rstd } = layerNormStats(inputs[0], normalizedNdim, eps);
    let y = centered.mul(rstd);
    if (affine.weight) y = y.mul(inputs[1]);
    if (affine.bias) y = y.add(inputs[inputs.length - 1]);
    return y;
  },
  // The bias's gradient needs no tensor: x, the weight and the row statistics are kept.
  save: ({ inputs, attrs, kernel: { mean, rstd } }) => ({
    x: inputs[0],
    weight: attrs.affine.weight ? inputs[1] : null,
    mean,
    rstd,
    attrs,
  }),
  backwardKernel({ x, weight, mean, rstd, attrs }, grad) {
    const kernel = x.backend.fused?.layerNormBackward;
    if (kernel === undefined) return undefined;
    const normalized = x.shape.slice(x.ndim - attrs.normalizedNdim);
    const cols = numel(normalized);
    const r = kernel(
      rowsOf(grad, cols),
      rowsOf(x, cols),
      rowsOf(mean, 1),
      rowsOf(rstd, 1),
      weight === null ? null : rowsOf(weight, cols),
      x.dtype,
    );
    return affineGrads(
      fromBuffer(x, r.gradInput, x.shape, x.dtype),
      () => fromBuffer(x, r.gradWeight, normalized, x.dtype),
      () => fromBuffer(x, r.gradBias, normalized, x.dtype),
      attrs,
    );
  },
  // Recomputes the statistics from x, so the recorded backward is differentiable.
  backward({ x, weight, attrs }, grad) {
    const { dims, centered, rstd } = layerNormStats(x, attrs.normalizedNdim, attrs.eps);
    const xhat = centered.mul(rstd);
    const gh = weight === null ? grad : grad.mul(weight);
    const gx = rstd.mul(gh.sub(gh.mean(dims, true)).sub(xhat.mul(gh.mul(xhat).mean(dims, true))));
    // An empty dim list would mean "every dim" to sum.
    const leading = Array.from({ length: x.ndim - attrs.normalizedNdim }, (_, i) => i);
    const sumRows = (t: Tensor) => (leading.length === 0 ? t : t.sum(leading));
    return affineGrads(
      gx,
      () => sumRows(grad.mul(xhat)),
      () => sumRows(grad),
      attrs,
    );
  },
});

/** `[gx, gw?, gb?]`, in the order of the op's inputs. */
function affineGrads(
  gx: Tensor,
  gw: () => Tensor,
  gb: () => Tensor,
  { affine }: LayerNormAttrs,
): Tensor[] {
  const grads = [gx];
  if (affine.weight) grads.push(gw());
  if (affine.bias) grads.push(gb());
  return grads;
}

/**
 * `x` made contiguous and seen as `[rows, cols]`: the layout the row kernels take (a weight of
 * `cols` elements is one row). The offset is kept.
 */
function rowsOf(x: Tensor, cols: number): View {
  const d = x.detach().contiguous();
  const rows = cols === 0 ? 0 : d.numel() / cols;
  return {
    buffer: d.buffer,
    dtype: d.dtype,
    shape: [rows, cols],
    strides: [cols, 1],
    offset: d.offset,
  };
}

/**
 * Layer norm over the trailing `normalizedNdim` dims of `x`, then `· weight + bias` (each of the
 * normalized shape, or null), as one fused op: the backend's `layerNorm` kernel forward and
 * `layerNormBackward` kernel backward where it has them, else the composition of mean, variance
 * and elementwise ops. {@link layerNorm} checks the arguments and calls it.
 *
 * @example
 * ```ts
 * fusedLayerNorm(tensor([[1, 2, 3]]), 1, null, null, 1e-5); // tensor([[-1.2247, 0.0000, 1.2247]])
 * ```
 */
export function fusedLayerNorm(
  x: Tensor,
  normalizedNdim: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const inputs = [x];
  if (weight !== null) inputs.push(weight);
  if (bias !== null) inputs.push(bias);
  return layerNormOp(inputs, {
    normalizedNdim,
    eps,
    affine: { weight: weight !== null, bias: bias !== null },
  });
}
