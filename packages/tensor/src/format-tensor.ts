import type { DType } from './dtype';
import type { Tensor } from './tensor';

// PyTorch's default print options (torch.set_printoptions(profile='default')).
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;

const PREFIX = 'tensor(';

/**
 * Renders a tensor the way PyTorch 1.13 prints it (torch/_tensor_str.py), character for
 * character: integral floats as `1.`, otherwise 4 decimals, scientific notation when the
 * magnitudes call for it, a common width for every element, rows wrapped at 80 columns, and
 * `...` summaries beyond 1000 elements. Suffixes keep PyTorch's spelling (`requires_grad=True`,
 * `grad_fn=<MulBackward0>`, `device='…'`) except that dtypes print torchlet's names
 * (`dtype=int32` where PyTorch says `dtype=torch.int32`).
 *
 * A backend without `readSync` cannot be read synchronously, so its tensors print like
 * PyTorch's meta tensors: `tensor(..., device='webgl', size=(2, 3))`.
 *
 * @example
 * ```ts
 * formatTensor(tensor([[1, 2], [3, 4]])); // 'tensor([[1., 2.],\n        [3., 4.]])'
 * formatTensor(tensor([1.5, 2.25]));      // 'tensor([1.5000, 2.2500])'
 * formatTensor(tensor([1, 2], { dtype: 'int32' })); // 'tensor([1, 2], dtype=int32)'
 * ```
 */
export function formatTensor(t: Tensor): string {
  const suffixes: string[] = [];
  // PyTorch names the device only when it is not the default (cpu).
  if (t.device !== 'cpu') suffixes.push(`device='${t.device}'`);
  const n = t.numel();
  let body: string;
  if (t.backend.readSync === undefined) {
    suffixes.push(`size=${pythonTuple(t.shape)}`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=${t.dtype}`);
    body = '...';
  } else if (n === 0) {
    // NumPy-style: the shape is shown unless it is (0,), and an empty tensor has no values to
    // hint at its dtype, so any non-default dtype (bool included) is named.
    if (t.ndim !== 1) suffixes.push(`size=${pythonTuple(t.shape)}`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=${t.dtype}`);
    body = '[]';
  } else {
    // bool needs no dtype suffix: True/False already say it (int64, PyTorch's other silent
    // dtype, does not exist here).
    if (t.dtype === 'int32' || t.dtype === 'float64') suffixes.push(`dtype=${t.dtype}`);
    body = renderValues(t.dataSync(), t.shape, t.dtype);
  }
  if (t.gradFn !== null && t.gradFn !== undefined) suffixes.push(`grad_fn=${String(t.gradFn)}`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(PREFIX + body, suffixes);
}

/** Python's `str(tuple(shape))`: `(2, 3)`, `(0,)`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Appends `, suffix` to the last line, or starts a new indented line when it would pass 80. */
function addSuffixes(text: string, suffixes: readonly string[]): string {
  let out = text;
  // PyTorch counts the last line plus 2 (room for the ", " before a suffix).
  let lastLine = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLine + suffix.length + 2 > LINE_WIDTH) {
      out += `,\n${' '.repeat(PREFIX.length)}${suffix}`;
      lastLine = PREFIX.length + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLine += suffix.length + 2;
    }
  }
  return `${out})`;
}

/** Indices shown along a dim of `size`; -1 stands for the `...` of a summary. */
function shownIndices(size: number, summarize: boolean): number[] {
  if (summarize && size > 2 * EDGE_ITEMS) {
    const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
    const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => size - EDGE_ITEMS + i);
    return [...head, -1, ...tail];
  }
  return Array.from({ length: size }, (_, i) => i);
}

/** The nested-bracket body of a non-empty tensor's values (row-major in `flat`). */
function renderValues(flat: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  const nd = shape.length;
  const summarize = flat.length > THRESHOLD;
  const steps = new Array<number>(nd);
  let s = 1;
  for (let d = nd - 1; d >= 0; d--) {
    steps[d] = s;
    s *= shape[d];
  }

  // The common width is measured over the values that will be shown, as PyTorch does.
  const shown: number[] = [];
  const collect = (at: number, d: number): void => {
    if (d === nd) {
      shown.push(flat[at]);
      return;
    }
    for (const i of shownIndices(shape[d], summarize))
      if (i >= 0) collect(at + i * steps[d], d + 1);
  };
  collect(0, 0);
  const formatter = makeFormatter(shown, dtype);

  const render = (at: number, d: number, indent: number): string => {
    if (d === nd) return formatter.format(flat[at]);
    const indices = shownIndices(shape[d], summarize);
    if (d === nd - 1) {
      const items = indices.map((i) =>
        i < 0 ? ' ...' : formatter.format(flat[at + i * steps[d]]),
      );
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (formatter.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine)
        lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const items = indices.map((i) =>
      i < 0 ? '...' : render(at + i * steps[d], d + 1, indent + 1),
    );
    // One blank line between matrices, two between 3-D blocks, and so on.
    return `[${items.join(`,${'\n'.repeat(nd - d - 1)}${' '.repeat(indent + 1)}`)}]`;
  };
  return render(0, 0, PREFIX.length);
}

interface Formatter {
  /** Every element is left-padded to this width. */
  readonly width: number;
  format(value: number): string;
}

/** PyTorch's `_Formatter`: picks the notation and the common width from the shown values. */
function makeFormatter(values: readonly number[], dtype: DType): Formatter {
  const pad = (text: string, width: number): string => text.padStart(width, ' ');
  if (dtype === 'bool' || dtype === 'int32') {
    const text =
      dtype === 'bool' ? (v: number) => (v !== 0 ? 'True' : 'False') : (v: number) => String(v);
    const width = values.reduce((w, v) => Math.max(w, text(v).length), 1);
    return { width, format: (v) => pad(text(v), width) };
  }

  const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
  let intMode = true;
  let sciMode = false;
  let width = 1;
  if (finite.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
    }
    intMode = finite.every((v) => v === Math.ceil(v));
    sciMode = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
    const measure = sciMode
      ? (v: number) => pythonExponential(v, PRECISION).length
      : intMode
        ? (v: number) => pythonFixed(v, 0).length + 1 // room for the trailing '.'
        : (v: number) => pythonFixed(v, PRECISION).length;
    for (const v of finite) width = Math.max(width, measure(v));
  }
  const format = (v: number): string => {
    if (sciMode) return pad(pythonExponential(v, PRECISION), width);
    if (intMode) return pad(pythonFixed(v, 0) + (Number.isFinite(v) ? '.' : ''), width);
    return pad(pythonFixed(v, PRECISION), width);
  };
  return { width, format };
}

// ---- Python's float formatting ('{:.4f}', '{:.4e}'): exact, with ties rounded half to even. ----
// JavaScript's toFixed/toExponential round ties away from zero and print 'e+5' for 'e+05', so the
// digits are computed exactly from the double's binary value instead.

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

const isNegative = (x: number): boolean => x < 0 || Object.is(x, -0);

/** `|x| = mantissa * 2^exponent` exactly, for finite x. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 }; // zero or subnormal
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** `|x| * 10^scale` rounded to an integer, ties to even. */
function scaledInteger(x: number, scale: number): bigint {
  const { mantissa, exponent } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  const q = num / den;
  const twice = 2n * (num % den);
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** Python's `'{:.Nf}'.format(x)`. */
function pythonFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const text = scaledInteger(x, digits)
    .toString()
    .padStart(digits + 1, '0');
  const sign = isNegative(x) ? '-' : '';
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Python's `'{:.Ne}'.format(x)`: at least two exponent digits. */
function pythonExponential(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const sign = isNegative(x) ? '-' : '';
  let exponent = 0;
  let n = 0n;
  if (x !== 0) {
    // log10 gives the exponent to within one; the exact rounded digits settle it.
    exponent = Math.floor(Math.log10(Math.abs(x)));
    const low = 10n ** BigInt(digits);
    const high = low * 10n;
    for (;;) {
      n = scaledInteger(x, digits - exponent);
      if (n >= high) exponent++;
      else if (n < low) exponent--;
      else break;
    }
  }
  const text = n.toString().padStart(digits + 1, '0');
  const mantissa = digits > 0 ? `${text[0]}.${text.slice(1)}` : text;
  const e = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${sign}${mantissa}e${e}`;
}
