/**
 * About `count` round tick values (steps of 1, 2 or 5 times a power of ten) covering
 * `[min, max]`, and the range they span.
 *
 * @example
 * ```ts
 * niceTicks(0.48, 1.49, 5); // { ticks: [0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6], min: 0.4, max: 1.6 }
 * ```
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
): { ticks: number[]; min: number; max: number } {
  if (!(max > min)) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const step = (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
  const lo = Math.floor(min / step + 1e-9);
  const hi = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Rounding through toPrecision removes float noise such as 0.6000000000000001.
  for (let i = lo; i <= hi; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { ticks, min: ticks[0], max: ticks[ticks.length - 1] };
}
