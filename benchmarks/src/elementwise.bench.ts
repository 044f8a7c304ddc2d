import { add, exp, mul, tensor, type Tensor } from '@torchlet/tensor';
import { measure, type Measurement } from './measure';
import { randomFloat32 } from './random-inputs';
import { rowSummary, type ReportRow } from './report-table';
import { tfjsBackend, type TfjsBackendName } from './tfjs-backend';

/** Elements per operand. */
export const SIZE = 1 << 20;

/** Each op with its arity; bytes moved are (arity + 1) × 4 per element (read inputs, write out). */
export const OPS = [
  { name: 'add', arity: 2 },
  { name: 'mul', arity: 2 },
  { name: 'exp', arity: 1 },
] as const;

type OpName = (typeof OPS)[number]['name'];

interface Timed {
  m: Measurement | undefined;
  out: Float32Array;
}

function torchletOp(op: OpName, x: Tensor, y: Tensor): Tensor {
  return op === 'add' ? add(x, y) : op === 'mul' ? mul(x, y) : exp(x);
}

async function timeTfjs(
  backend: TfjsBackendName,
  op: OpName,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<Timed> {
  const tf = await tfjsBackend(backend);
  const x = tf.tensor1d(a);
  const y = tf.tensor1d(b);
  const run = () => (op === 'add' ? tf.add(x, y) : op === 'mul' ? tf.mul(x, y) : tf.exp(x));
  try {
    // dataSync() inside the timed call, so deferred work is counted. On wasm it also copies the
    // result out of the wasm heap: the price a user pays to see the values.
    const m = await measure(
      `tfjs-${backend} ${op}`,
      () => {
        const c = run();
        c.dataSync();
        c.dispose();
      },
      signal,
    );
    const c = run();
    const out = c.dataSync() as Float32Array;
    c.dispose();
    return { m, out };
  } finally {
    x.dispose();
    y.dispose();
  }
}

function expectSame(what: string, x: Float32Array, y: Float32Array): void {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  }
  if (!(worst < 1e-5)) throw new Error(`${what}: results differ by up to ${worst}`);
}

/**
 * The elementwise suite: add, mul and exp over 2²⁰ float32 elements for torchlet, tfjs-backend-cpu
 * and tfjs-backend-wasm. Throughput is bytes read plus written over the median time.
 *
 * @example
 * ```ts
 * const rows = await elementwiseBench(AbortSignal.timeout(60_000));
 * ```
 */
export async function elementwiseBench(signal: AbortSignal): Promise<ReportRow[]> {
  const a = randomFloat32(SIZE, 7);
  const b = randomFloat32(SIZE, 8);
  const ta = tensor(a);
  const tb = tensor(b);
  const rows: ReportRow[] = [];
  for (const { name, arity } of OPS) {
    const torchlet = await measure(`torchlet ${name}`, () => void torchletOp(name, ta, tb), signal);
    const torchletOut = torchletOp(name, ta, tb).dataSync() as Float32Array;
    const cpu = await timeTfjs('cpu', name, a, b, signal);
    const wasm = await timeTfjs('wasm', name, a, b, signal);
    expectSame(`${name} torchlet vs tfjs-cpu`, torchletOut, cpu.out);
    expectSame(`${name} torchlet vs tfjs-wasm`, torchletOut, wasm.out);
    const row: ReportRow = {
      suite: 'elementwise f32',
      case: `${name} n=2²⁰`,
      unit: 'GB/s',
      work: (arity + 1) * 4 * SIZE,
      torchlet,
      tfjsCpu: cpu.m,
      tfjsWasm: wasm.m,
    };
    rows.push(row);
    console.error(`  ${rowSummary(row)}`);
  }
  return rows;
}
