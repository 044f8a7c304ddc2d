import { avx2Log, avx2SinCos } from './avx2-math';
import { fma, fmaf } from './fma';

const f = Math.fround;
const TWO_PI_F32 = f(2 * Math.PI);
const sinCos: [number, number] = [0, 0];

/**
 * Turns 16 float32 uniforms at `data[offset..offset+16)` into normals in place, exactly as
 * PyTorch 1.13's AVX2 `normal_fill_16_AVX2`: pairs (j, j+8) with u1 = 1 - data[j] and
 * u2 = data[j+8] give radius sqrt(-2 log u1) and angle 2π·u2; cos goes to j, sin to j+8, and
 * each is scaled as fma(n, std, mean). `mean` and `std` must already be float32 values.
 *
 * @example
 * ```ts
 * const block = new Float32Array(16).fill(0.25);
 * boxMullerBlockFloat32(block, 0, 0, 1);
 * ```
 */
export function boxMullerBlockFloat32(
  data: Float32Array,
  offset: number,
  mean: number,
  std: number,
): void {
  for (let j = offset; j < offset + 8; j++) {
    const u1 = f(1 - data[j]!);
    const radius = f(Math.sqrt(f(-2 * avx2Log(u1))));
    avx2SinCos(f(TWO_PI_F32 * data[j + 8]!), sinCos);
    data[j] = fmaf(f(radius * sinCos[1]), std, mean);
    data[j + 8] = fmaf(f(radius * sinCos[0]), std, mean);
  }
}

/**
 * The float64 version of the 16-value Box-Muller block (PyTorch's scalar `normal_fill_16<double>`),
 * with libm's log/sin/cos. JavaScript's Math.log/sin/cos are not glibc's, so a result can differ
 * from PyTorch's in the last bit or two (about 6% of values); everything else is the same.
 *
 * @example
 * ```ts
 * const block = new Float64Array(16).fill(0.25);
 * boxMullerBlockFloat64(block, 0, 0, 1);
 * ```
 */
export function boxMullerBlockFloat64(
  data: Float64Array,
  offset: number,
  mean: number,
  std: number,
): void {
  for (let j = offset; j < offset + 8; j++) {
    const radius = Math.sqrt(-2 * Math.log(1 - data[j]!));
    const theta = 2 * Math.PI * data[j + 8]!;
    data[j] = fma(radius * Math.cos(theta), std, mean);
    data[j + 8] = fma(radius * Math.sin(theta), std, mean);
  }
}
