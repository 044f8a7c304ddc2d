// "The optimizer": AdamW on the article's SimpleNet, printing the loss at steps 0, 50, 100 and 199.
import {
  AdamW,
  crossEntropy,
  gelu,
  Linear,
  manualSeed,
  Module,
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
// A small fixed data set with structure: the class is the index of the largest of 3 projections.
const x = randn([64, 4]);
const y = x.matmul(randn([4, 3])).argmax(1);
const optimizer = new AdamW(model.namedParameters(), { lr: 1e-2, weightDecay: 0.01 });
for (let step = 0; step < 200; step++) {
  const loss = crossEntropy(model.forward(x), y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if ([0, 50, 100, 199].includes(step))
    console.log(`step ${String(step).padStart(3)}: loss ${loss.item().toFixed(4)}`);
}
