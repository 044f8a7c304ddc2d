// "Vanishing gradients": a signal through 10 sigmoid layers. The gradient reaching the first
// layer is measured with autograd (not just multiplied out), next to the same stack with ReLU.
import { Linear, manualSeed, randn, relu, sigmoid, type Tensor } from 'torchlet';

function firstLayerGradNorm(activation: (x: Tensor) => Tensor): number {
  manualSeed(0);
  const layers = Array.from({ length: 10 }, () => new Linear(64, 64));
  let x = randn([32, 64]);
  for (const layer of layers) x = activation(layer.forward(x));
  x.sum().backward();
  return layers[0].weight.grad!.norm().item();
}

const viaSigmoid = firstLayerGradNorm(sigmoid);
const viaRelu = firstLayerGradNorm(relu);
console.log(`first-layer gradient norm through 10 sigmoid layers: ${viaSigmoid.toExponential(3)}`);
console.log(`first-layer gradient norm through 10 ReLU layers:    ${viaRelu.toExponential(3)}`);
console.log(
  `each sigmoid multiplies the gradient by its derivative, at most 0.25: 0.25^10 = ${(0.25 ** 10).toExponential(3)} (the weights add factors of their own)`,
);
console.log(`ratio ReLU / sigmoid: ${(viaRelu / viaSigmoid).toExponential(2)}`);
