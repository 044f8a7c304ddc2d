// torch.nn: modules, parameters and initialisers, plus `nn.functional` and `nn.init`.
export * from '@torchlet/layers';
export * as functional from './functional';
export * as init from './init';
