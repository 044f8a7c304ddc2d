// torch.nn.functional: activations and losses as plain functions.
export * from '@torchlet/activations';
export * from '@torchlet/losses';
export { layerNorm } from '@torchlet/layers';
