// "Activation functions": GELU and ReLU on [-2, -1, 0, 1, 2], plus SiLU and sigmoid.
// PyTorch's F.gelu is exact (erf) by default: rounded, [-0.046, -0.159, 0, 0.841, 1.954]. The
// article's [-0.045, -0.159, 0, 0.841, 1.955] are the tanh approximation's values; both print.
import { gelu, relu, sigmoid, silu, tensor, type Tensor } from 'torchlet';

const x = tensor([-2, -1, 0, 1, 2]);
// Rounded to 3 decimals, as the article prints them (and without the sign of -0).
const show = (t: Tensor) =>
  `[${(t.toArray() as number[]).map((v) => Number(v.toFixed(3)) + 0).join(', ')}]`;

console.log(`GELU:    ${show(gelu(x))}`);
console.log(`GELU (tanh approximation): ${show(gelu(x, { approximate: 'tanh' }))}`);
console.log(`ReLU:    ${show(relu(x))}`);
console.log(`SiLU:    ${show(silu(x))}`);
console.log(`Sigmoid: ${show(sigmoid(x))}`);
