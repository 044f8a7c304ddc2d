import {
  AdamW,
  arange,
  clipGradNorm,
  crossEntropy,
  noGrad,
  withDefaultBackend,
  tensor,
  type Backend,
} from 'torchlet';
import { gptParams, type GptCase, type GptData } from './gpt-case';
import { fusedCausal, Gpt, type AttentionImpl } from './gpt-model';
import type { TorchletTrainer } from './train-step-torchlet';

/** Options of {@link torchletGptTrainer}. */
export interface TorchletGptOptions {
  /** Default: torchlet's CPU backend. Made the default while building and stepping. */
  backend?: Backend;
  /** Default: the fused `scaledDotProductAttention`. */
  attention?: AttentionImpl;
}

/**
 * torchlet's GPT step for `c`, written as nanoGPT's training loop: cross entropy over the
 * flattened logits, `zeroGrad`, `backward`, `clipGradNorm` at `c.clip`, and AdamW with two
 * parameter groups (decay for weights with ≥ 2 dims, none for biases and LayerNorms). The model
 * starts from `data`'s weights; the lm head is tied to the token embedding.
 *
 * @example
 * ```ts
 * const t = torchletGptTrainer(GPT, gptData(GPT));
 * t.step(); // the loss before this step's update
 * ```
 */
export function torchletGptTrainer(
  c: GptCase,
  data: GptData,
  { backend, attention = fusedCausal }: TorchletGptOptions = {},
): TorchletTrainer {
  const onBackend = <T>(fn: () => T): T =>
    backend === undefined ? fn() : withDefaultBackend(backend, fn);
  return onBackend(() => {
    const model = new Gpt(c, attention);
    const shapes = new Map(gptParams(c).map((p) => [p.name, p]));
    const named = model.namedParameters();
    noGrad(() => {
      for (const [name, p] of named) {
        const spec = shapes.get(name);
        if (spec === undefined) throw new Error(`GPT benchmark: unexpected parameter ${name}`);
        p.copy_(tensor(data.params.get(name)!).reshape(spec.shape));
      }
    });
    if (named.length !== shapes.size) {
      throw new Error(`GPT benchmark: ${named.length} parameters, expected ${shapes.size}`);
    }
    const [B, T] = [c.batch, c.blockSize];
    const idx = tensor(data.idx, { dtype: 'int32' }).reshape([B, T]);
    const targets = tensor(data.targets, { dtype: 'int32' }).reshape([B * T]);
    const pos = arange(T, undefined, 1, { dtype: 'int32' });
    const decay = named.filter(([n]) => shapes.get(n)!.decay);
    const noDecay = named.filter(([n]) => !shapes.get(n)!.decay);
    const opt = new AdamW(
      [
        { params: decay, weightDecay: c.weightDecay },
        { params: noDecay, weightDecay: 0 },
      ],
      { lr: c.lr, betas: c.betas },
    );
    const params = model.parameters();
    const trainer: TorchletTrainer = {
      forward: () =>
        onBackend(() =>
          crossEntropy(model.forward(idx, pos).reshape([B * T, c.vocabSize]), targets),
        ),
      backward: (loss) =>
        onBackend(() => {
          opt.zeroGrad();
          loss.backward();
          clipGradNorm(params, c.clip);
        }),
      update: () => onBackend(() => opt.step()),
      step: () => {
        const loss = trainer.forward();
        trainer.backward(loss);
        trainer.update();
        return loss.dataSync()[0];
      },
    };
    return trainer;
  });
}
