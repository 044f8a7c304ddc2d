import {
  Adam,
  AdamW,
  clipGradNorm,
  crossEntropy,
  GELU,
  LayerNorm,
  Linear,
  noGrad,
  ReLU,
  Sequential,
  withDefaultBackend,
  tensor,
  type Backend,
  type Module,
  type Tensor,
} from 'torchlet';
import type { TrainStepCase, TrainStepData } from './train-step-case';

/** A torchlet training step, split into the phases the breakdown times separately. */
export interface TorchletTrainer {
  /** Forward pass and loss. */
  forward(): Tensor;
  /** zeroGrad, backward, and the gradient-norm clip if the case has one. */
  backward(loss: Tensor): void;
  /** The optimizer update. */
  update(): void;
  /** All three, then the loss read back (so a device backend has finished the step). */
  step(): number;
}

function buildModel(c: TrainStepCase, data: TrainStepData): Module {
  const layers: Module[] = [];
  c.dims.slice(1).forEach((out, i) => {
    const linear = new Linear(c.dims[i], out);
    noGrad(() => {
      linear.weight.copy_(tensor(data.linears[i].weight).reshape([out, c.dims[i]]));
      linear.bias?.copy_(tensor(data.linears[i].bias));
    });
    layers.push(linear);
    if (i === c.dims.length - 2) return;
    if (c.hidden === 'relu') layers.push(new ReLU());
    else layers.push(new LayerNorm(out), new GELU());
  });
  return new Sequential(...layers);
}

/**
 * A torchlet model and optimizer for `c`, written as a torchlet user would (Sequential, AdamW or
 * Adam, clipGradNorm), on `backend` when given (made the default while building and stepping,
 * so parameters, batch and optimizer state all live there) or on the CPU backend.
 *
 * @example
 * ```ts
 * const t = torchletTrainer(NET_CASE, trainStepData(NET_CASE));
 * t.step(); // the loss before this step's update
 * ```
 */
export function torchletTrainer(
  c: TrainStepCase,
  data: TrainStepData,
  backend?: Backend,
): TorchletTrainer {
  const onBackend = <T>(fn: () => T): T =>
    backend === undefined ? fn() : withDefaultBackend(backend, fn);
  return onBackend(() => {
    const model = buildModel(c, data);
    const x = tensor(data.x).reshape([c.batch, c.dims[0]]);
    const y = tensor(data.y);
    const params = model.namedParameters();
    const opt =
      c.optimizer === 'adamw'
        ? new AdamW(params, { lr: c.lr, weightDecay: c.weightDecay })
        : new Adam(params, { lr: c.lr });
    const trainer: TorchletTrainer = {
      forward: () => onBackend(() => crossEntropy(model.forward(x), y)),
      backward: (loss) =>
        onBackend(() => {
          opt.zeroGrad();
          loss.backward();
          if (c.clip !== undefined) clipGradNorm(model.parameters(), c.clip);
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
