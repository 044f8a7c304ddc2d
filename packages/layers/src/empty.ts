import { zeros, type DType, type Tensor } from '@torchlet/tensor';

/** Storage for a parameter that an initialiser fills right after. @internal */
export function empty(shape: readonly number[], dtype: DType): Tensor {
  return zeros([...shape], { dtype });
}
