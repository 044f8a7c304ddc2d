// "A single layer": nn.Linear(4, 3) on a batch of 2, and what its weights look like.
import { Linear, manualSeed, randn } from 'torchlet';

manualSeed(42);
const layer = new Linear(4, 3); // weight [3, 4], bias [3]
const x = randn([2, 4]);
const y = layer.forward(x); // x @ W.T + b

console.log(`weight shape: [${layer.weight.shape.join(', ')}]`);
console.log(`bias shape: [${layer.bias!.shape.join(', ')}]`);
console.log(`output shape: [${y.shape.join(', ')}]`);
console.log(String(y));
