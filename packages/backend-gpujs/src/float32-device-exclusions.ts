/**
 * Why a conformance case cannot pass on a float32 device, and the check where it stops.
 *
 * @example
 * ```ts
 * const e: Float32DeviceExclusion = { reason: 'float64 is computed in float32', failsAt: 'unary neg float64' };
 * ```
 */
export interface Float32DeviceExclusion {
  /** What the case asks for that float32 storage cannot give. */
  readonly reason: string;
  /**
   * The label of the first check that fails. The suite stops at the first mismatch, so a run
   * that rejects with exactly this label proves every check before it passed.
   */
  readonly failsAt: string;
}

/** The setups of the conformance suite's attention cases, each run forward and backward. */
const attentionSetups = [
  'no mask',
  'causal, L > S',
  'causal, L < S',
  'bool mask read transposed and broadcast over heads, a row with no key',
  'float [L, S] mask with −∞ broadcast over the batch, and dropout',
];

/**
 * The conformance cases a float32-only device cannot pass, in one place. gpu.js kernels read and
 * write float32 (textures, or Float32Arrays in its cpu/webasm modes), so float64 is stored and
 * computed in float32, and int32 is exact only up to 2^24 while these cases also check values
 * near ±2^31. Every other case runs unchanged; these are run too, and must fail exactly at
 * `failsAt`.
 *
 * @example
 * ```ts
 * for (const c of backendConformanceCases(backend)) {
 *   const excluded = float32DeviceExclusions.get(c.name);
 *   if (excluded === undefined) it(c.name, c.run);
 *   else it(c.name, () => expect(c.run()).rejects.toThrow(`${excluded.failsAt}: `));
 * }
 * ```
 */
export const float32DeviceExclusions: ReadonlyMap<string, Float32DeviceExclusion> = new Map([
  [
    'upload/read: float64 keeps double precision',
    { reason: 'float64 is stored as float32', failsAt: 'upload/read float64' },
  ],
  [
    'unary: float64 keeps double precision',
    { reason: 'float64 is computed in float32', failsAt: 'unary neg float64' },
  ],
  [
    'binary: float64 keeps double precision',
    {
      reason: 'float64 is computed in float32',
      failsAt: 'binary add float64 of [0.1, 1e300, 1+2^-52, 3] and [0.2, 1e-300, -1, 0.1]',
    },
  ],
  [
    'matmul: float64',
    {
      reason: 'float64 is computed in float32',
      failsAt: 'matmul [6, 20](transposed) × [20, 5](padded) float64',
    },
  ],
  [
    'reduce sum: long rows, empty dims and 0-d views',
    { reason: 'its last check sums float64 to 1e-12', failsAt: 'reduce sum float64' },
  ],
  [
    'full: every dtype, special values and size 0',
    { reason: 'fills float64 0.1 (and int32 2^31 - 1 later)', failsAt: 'full float64 0.1' },
  ],
  [
    'upload/read: int32 is exact over its whole range',
    { reason: 'int32 beyond 2^24 rounds in float32', failsAt: 'upload int32' },
  ],
  [
    'copy: converts dtypes (float→int32 truncates toward zero, →bool tests != 0)',
    { reason: 'copies int32 values up to ±2e9', failsAt: 'copy int32 (padded view)' },
  ],
  [
    'binary: int32 inputs (exact arithmetic, true division, bool comparisons)',
    { reason: 'adds int32 values beyond 2^24', failsAt: 'binary add int32 beyond 2^24' },
  ],
  [
    'reduce sum: int32 is exact and bool counts into int32',
    { reason: 'sums int32 values beyond 2^24', failsAt: 'reduce sum int32 beyond 2^24' },
  ],
  [
    'reduce max/min: one and several dims of strided views, every dtype',
    { reason: 'reduces int32 values up to ±2e9', failsAt: 'reduce max int32' },
  ],
  [
    'where: broadcast bool condition over strided float32, int32 and bool operands',
    { reason: 'selects int32 values up to ±2e9', failsAt: 'where int32' },
  ],
  [
    'gather: along each dim of a strided input with strided int32 indices',
    {
      reason: 'gathers int32 values up to ±2e9',
      failsAt: 'gather int32 dim 0 index [3, 5, 2] (padded)',
    },
  ],
  [
    'cat: dims 0, 1 and 2 of strided and empty inputs, every dtype',
    {
      reason: 'joins int32 values up to ±2e9',
      failsAt: 'cat int32 dim 1 of [2, 3](transposed), [2, 4](padded)',
    },
  ],
  ...fusedFloat64(),
]);

/** The float64 cases of the fused kernels, each stopped at its first check by float32 math. */
function fusedFloat64(): [string, Float32DeviceExclusion][] {
  const reason = 'float64 is computed in float32';
  return [
    ['fused gelu (exact and tanh) on an offset float64 view', 'gelu none float64'],
    ['fused geluBackward (exact and tanh), float64', 'geluBackward none float64'],
    ['fused softmax and logSoftmax over the last dim, float64, large logits', 'softmax float64'],
    ['fused softmaxBackward (softmax and log), float64', 'softmaxBackward log=false float64'],
    ['fused layerNorm with and without weight and bias, float64', 'layerNorm affine=true float64'],
    [
      'fused layerNormBackward: input, weight and bias gradients, float64',
      'layerNormBackward float64 input',
    ],
    [
      'fused crossEntropy (mean and sum, an ignored row, large logits), float64',
      'crossEntropy mean=true float64 loss',
    ],
    [
      'fused crossEntropyBackward: softmax − onehot, 0 on ignored rows, float64',
      'crossEntropyBackward float64',
    ],
    ['fused adamStep (AdamW and Adam with L2), float64', 'adamStep decoupled=true float64 param'],
    ...attentionSetups.flatMap((setup) => [
      [`fused attention: ${setup}, float64`, `attention ${setup} float64 output`],
      [`fused attentionBackward: ${setup}, float64`, `attentionBackward ${setup} float64 q`],
    ]),
  ].map(([name, failsAt]) => [name, { reason, failsAt }]);
}
