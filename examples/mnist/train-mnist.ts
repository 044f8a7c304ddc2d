// An MLP (784-256-256-10, ReLU) learns handwritten digits from the `mnist` package with AdamW:
// "on actual data with real structure, the same loop gets you much further".
import {
  AdamW,
  crossEntropy,
  Linear,
  manualSeed,
  noGrad,
  randperm,
  ReLU,
  Sequential,
  type Tensor,
} from 'torchlet';
import { loadMnist } from './load-mnist';

manualSeed(0);
const { trainX, trainY, testX, testY } = loadMnist(8000);
console.log(`train ${trainX.shape[0]} digits, test ${testX.shape[0]} digits`);

const model = new Sequential(
  new Linear(784, 256),
  new ReLU(),
  new Linear(256, 256),
  new ReLU(),
  new Linear(256, 10),
);
const optimizer = new AdamW(model.namedParameters(), { lr: 1e-3, weightDecay: 0.01 });
const epochs = Number(process.env.MNIST_EPOCHS ?? 8);
const batchSize = 64;

const accuracy = (x: Tensor, y: Tensor) =>
  noGrad(() => model.eval().forward(x).argmax(1).eq(y).float().mean().item());

const started = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  model.train();
  const order = randperm(trainX.shape[0]);
  let total = 0;
  let batches = 0;
  for (let at = 0; at < order.shape[0]; at += batchSize) {
    const idx = order.narrow(0, at, Math.min(batchSize, order.shape[0] - at));
    const loss = crossEntropy(
      model.forward(trainX.indexSelect(0, idx)),
      trainY.indexSelect(0, idx),
    );
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    total += loss.item();
    batches++;
  }
  console.log(
    `epoch ${epoch} | train loss ${(total / batches).toFixed(4)} | test acc ${accuracy(testX, testY).toFixed(4)}`,
  );
}
const seconds = (performance.now() - started) / 1000;
console.log(`test accuracy ${(accuracy(testX, testY) * 100).toFixed(2)}% after ${epochs} epochs`);
console.log(`training took ${seconds.toFixed(1)} s`);
