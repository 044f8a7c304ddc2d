import { describe, expect, it } from 'vitest';
import { lossCurveText } from './loss-curve-text';
import { syntheticHistory } from '../../test-support/synthetic-history';

describe('lossCurveText', () => {
  it('draws braille train dots and ● val marks with the loss and step ranges', () => {
    const text = lossCurveText(syntheticHistory(500, 100), { width: 40, height: 8 });
    const lines = text.split('\n');
    expect(lines).toHaveLength(8 + 3);
    expect(lines[0]).toMatch(/^\s*1\.5\d? ┤/); // the highest value (the first eval) is on top
    expect(lines[7]).toMatch(/^\s*0\.\d+ ┤/);
    expect(text).toMatch(/[\u2801-\u28ff]/);
    expect((text.match(/●/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(lines[8]).toMatch(/└─{40}$/);
    expect(lines[9]).toMatch(/step 0 +499$/);
    expect(lines[10]).toContain('train loss');
    expect(lines[10]).toContain('● val loss');
    for (const line of lines.slice(0, 8)) expect([...line.split(/[┤│]/)[1]].length).toBe(40);
  });

  it('has an ASCII mode and copes with a single point or no data', () => {
    const ascii = lossCurveText(syntheticHistory(50, 10), { width: 20, height: 5, ascii: true });
    expect(ascii).toMatch(/\*/);
    expect(ascii).toMatch(/o/);
    expect(ascii).not.toMatch(/[\u2800-\u28ff●]/);
    const one = lossCurveText({
      train: [{ step: 0, epoch: 0, loss: 2, lr: 1, gradNorm: 1 }],
      eval: [],
    });
    expect(one.split('\n')).toHaveLength(13);
    expect(lossCurveText({ train: [], eval: [] })).toBe('(no finite loss values to plot)');
  });
});
