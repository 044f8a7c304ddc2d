import { describe, expect, it } from 'vitest';
import { formatLogLine } from './format-log-line';

describe('formatLogLine', () => {
  it('prints the documented format exactly', () => {
    expect(
      formatLogLine({
        step: 100,
        trainLoss: 1.31094,
        val: { loss: 1.30441, accuracy: 0.31 },
        lr: 2.96e-4,
      }),
    ).toBe('step  100 | train loss 1.3109 | val loss 1.3044 | val acc 0.310 | lr 2.96e-04');
  });

  it('omits the fields it has no value for', () => {
    expect(formatLogLine({ step: 0, trainLoss: 1.48168, lr: 0 })).toBe(
      'step    0 | train loss 1.4817 | lr 0.00e+00',
    );
    expect(formatLogLine({ step: 7, val: { accuracy: 0.84 } })).toBe('step    7 | val acc 0.840');
  });

  it('right-aligns the step in 4 characters and lets longer steps grow', () => {
    expect(formatLogLine({ step: 5 })).toBe('step    5');
    expect(formatLogLine({ step: 12345 })).toBe('step 12345');
  });

  it('prints custom metrics after accuracy with 4 decimals, and two-digit exponents', () => {
    expect(
      formatLogLine({
        step: 42,
        trainLoss: 0.5,
        val: { f1: 0.81234, loss: 0.6, accuracy: 0.9 },
        lr: 1.234e-10,
      }),
    ).toBe(
      'step   42 | train loss 0.5000 | val loss 0.6000 | val acc 0.900 | val f1 0.8123 | lr 1.23e-10',
    );
    expect(formatLogLine({ step: 1, lr: 3e-4 })).toBe('step    1 | lr 3.00e-04');
    expect(formatLogLine({ step: 1, lr: 12.5 })).toBe('step    1 | lr 1.25e+01');
  });
});
