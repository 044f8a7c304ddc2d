// torch.nn.functional: activations and losses as plain functions.
export * from '@torchlet/activations';
export * from '@torchlet/losses';
export { layerNorm } from '@torchlet/layers';
export { cosineSimilarity, normalize } from '@torchlet/layers';
export { scaledDotProductAttention } from '@torchlet/layers';
