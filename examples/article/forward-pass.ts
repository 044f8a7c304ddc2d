// "The forward pass" and "backpropagation": SimpleNet on a batch of 8, cross entropy, then
// backward() and the gradient norm of every parameter.
import {
  crossEntropy,
  gelu,
  Linear,
  manualSeed,
  Module,
  randint,
  randn,
  type Tensor,
} from 'torchlet';

manualSeed(42);

class SimpleNet extends Module {
  fc1 = new Linear(4, 16);
  fc2 = new Linear(16, 3);

  forward(x: Tensor): Tensor {
    return this.fc2.forward(gelu(this.fc1.forward(x)));
  }
}

const model = new SimpleNet();
const x = randn([8, 4]);
const y = randint(0, 3, [8]);
const logits = model.forward(x);
const loss = crossEntropy(logits, y);
console.log(`logits shape: [${logits.shape.join(', ')}]`);
console.log(`loss: ${loss.item().toFixed(4)}`);

loss.backward();
for (const [name, p] of model.namedParameters()) {
  console.log(
    `${name.padEnd(10)} grad shape [${p.grad!.shape.join(', ')}]  norm ${p.grad!.norm().item().toFixed(4)}`,
  );
}
