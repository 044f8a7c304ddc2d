/** erf by composite Simpson integration of 2/√π·e^(−t²): slow, but shares nothing with a kernel. */
export function referenceErf(x: number): number {
  if (x !== x) return NaN;
  if (!Number.isFinite(x)) return Math.sign(x);
  const steps = 2000;
  const h = x / steps;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return ((s * h) / 3) * (2 / Math.sqrt(Math.PI));
}
