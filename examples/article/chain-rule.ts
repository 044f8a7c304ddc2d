// "The chain rule": loss = -(3 x²) at x = 2, so dloss/dx = -6x = -12.
import { tensor } from 'torchlet';

const x = tensor(2.0, { requiresGrad: true });
const a = x.pow(2); // a = x² = 4
const b = a.mul(3); // b = 3a = 12
const loss = b.neg(); // loss = -b = -12
loss.backward();
console.log(`loss = ${loss.item()}`);
console.log(`x.grad = ${x.grad!.item()}`);
