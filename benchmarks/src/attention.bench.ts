import { ATTENTION, ATTENTION_KEYS, attentionData } from './attention-case';
import { torchletAttention } from './attention-torchlet';
import { tfjsAttention } from './attention-tfjs';
import { expectClose } from './expect-close';
import { measure, type Measurement } from './measure';
import { rowSummary, type ReportRow } from './report-table';
import type { TfjsBackendName } from './tfjs-backend';

/** The table's suite label: the shape `[B, H, T, D]`. */
const SUITE = `attention ${ATTENTION.B}×${ATTENTION.H}×${ATTENTION.T}×${ATTENTION.D}`;

async function timeTfjs(
  backend: TfjsBackendName,
  reference: Float32Array[],
  signal: AbortSignal,
): Promise<{ forward?: Measurement; forwardBackward?: Measurement }> {
  const a = await tfjsAttention(backend, attentionData());
  try {
    const [out, ...grads] = [a.forward(), ...a.forwardBackward()];
    [out, ...grads].forEach((x, i) =>
      expectClose(`attention tfjs-${backend} [${i}]`, reference[i], x),
    );
    return {
      forward: await measure(`tfjs-${backend} attention fwd`, () => void a.forward(), signal),
      forwardBackward: await measure(
        `tfjs-${backend} attention fwd+bwd`,
        () => void a.forwardBackward(),
        signal,
      ),
    };
  } finally {
    a.dispose();
  }
}

/**
 * The attention suite: causal scaled dot-product attention at `B=8, H=4, T=128, D=32`, the
 * forward alone and forward + backward (from a fixed upstream gradient, leaf grads cleared each
 * call), in calls/s. torchlet runs it two ways: its fused `scaledDotProductAttention` (one
 * kernel forward, one backward, never an `L×S` tensor per op) and the composition
 * `softmax(q·kᵀ·scale + mask)·v` of tensor ops; TensorFlow.js (cpu, wasm) and PyTorch 1.13 (in
 * pytorch-rows.ts) can only compose it, and their one timing per kind sits on both rows. Every
 * result (output, and the gradients of q, k and v) is checked against torchlet's fused one.
 *
 * @example
 * ```ts
 * const rows = await attentionBench(AbortSignal.timeout(60_000));
 * ```
 */
export async function attentionBench(signal: AbortSignal): Promise<ReportRow[]> {
  const data = attentionData();
  const fused = torchletAttention('fused', data);
  const composed = torchletAttention('composed', data);
  const reference = fused.results();
  composed
    .results()
    .forEach((x, i) => expectClose(`attention composed vs fused [${i}]`, reference[i], x));
  const tfjs = {
    cpu: await timeTfjs('cpu', reference, signal),
    wasm: await timeTfjs('wasm', reference, signal),
  };
  const rows: ReportRow[] = [];
  for (const kind of ['forward', 'forwardBackward'] as const) {
    for (const [label, impl] of [
      ['fused', fused],
      ['composed', composed],
    ] as const) {
      const name = `causal ${kind === 'forward' ? 'fwd' : 'fwd+bwd'}, ${label}`;
      const row: ReportRow = {
        suite: SUITE,
        case: name,
        unit: 'calls/s',
        work: 1,
        torchlet: await measure(`torchlet attention ${name}`, () => void impl[kind](), signal),
        tfjsCpu: tfjs.cpu[kind],
        tfjsWasm: tfjs.wasm[kind],
        pytorchKey: ATTENTION_KEYS[kind],
      };
      rows.push(row);
      console.error(`  ${rowSummary(row)}`);
    }
  }
  return rows;
}
