export { Module, type LoadStateDictOptions, type LoadStateDictResult } from './module';
export { Parameter } from './parameter';
export { Linear, type LinearOptions } from './linear';
export { LayerNorm, type LayerNormOptions } from './layer-norm';
export { layerNorm } from './layer-norm-function';
export { RMSNorm, type RMSNormOptions } from './rms-norm';
export { Embedding, type EmbeddingOptions } from './embedding';
export { Dropout } from './dropout';
export { Sequential, type SequentialInput, type SequentialOutput } from './sequential';
export { ModuleList } from './module-list';
export { SwiGLUFFN } from './swiglu-ffn';
export { cosineSimilarity, type CosineSimilarityOptions } from './cosine-similarity';
export { normalize, type NormalizeOptions } from './normalize';
export {
  MultiheadAttention,
  type MultiheadAttentionForwardOptions,
  type MultiheadAttentionOptions,
} from './multihead-attention';
export {
  scaledDotProductAttention,
  type ScaledDotProductAttentionOptions,
} from './scaled-dot-product-attention';
export { GELU, ReLU, Sigmoid, SiLU, Softmax, Tanh } from './activation-modules';
export { calculateFanInAndFanOut } from './init/fan';
export { constant_, normal_, ones_, uniform_, zeros_ } from './init/fill';
export { kaimingUniform_, type KaimingUniformOptions } from './init/kaiming-uniform';
export { xavierUniform_ } from './init/xavier-uniform';
