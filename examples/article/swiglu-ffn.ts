// "SwiGLU feed-forward": w2(silu(w1 x) * w3 x) with the LLaMA hidden size.
import { randn, SwiGLUFFN } from 'torchlet';

const dim = 512;
const hidden = Math.trunc((2 / 3) * 4 * dim);
const ffn = new SwiGLUFFN(dim, hidden);
const x = randn([8, 32, 512]);
const y = ffn.forward(x);
console.log(`hidden size: ${hidden}`);
console.log(`parameters: ${ffn.numParameters().toLocaleString('en-US')}`);
console.log(`input  shape: [${x.shape.join(', ')}]`);
console.log(`output shape: [${y.shape.join(', ')}]`);
