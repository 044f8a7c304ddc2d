/** erf at exactly representable points, as tabulated (these agree with Python's math.erf). */
export const erfTable: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.25, 0.2763263901682369],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [-1, -0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
];
