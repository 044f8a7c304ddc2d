// torch.nn.init
export {
  calculateFanInAndFanOut,
  constant_,
  kaimingUniform_,
  normal_,
  ones_,
  uniform_,
  xavierUniform_,
  zeros_,
} from '@torchlet/layers';
