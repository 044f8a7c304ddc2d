export { gelu, type GeluOptions } from './gelu';
export { leakyRelu } from './leaky-relu';
export { logSoftmax } from './log-softmax';
export { relu } from './relu';
export { sigmoid } from './sigmoid';
export { silu } from './silu';
export { softmax } from './softmax';
export { swiglu } from './swiglu';
export { tanh } from './tanh';
