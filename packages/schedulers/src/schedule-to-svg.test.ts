import { describe, expect, it } from 'vitest';
import { constant } from './constant';
import { scheduleToSvg } from './schedule-to-svg';
import { stepDecay } from './step-decay';
import { warmupCosine } from './warmup-cosine';

/** Checks that tags nest and close properly; returns the tag names in order. */
function tagsOf(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (closing) expect(stack.pop()).toBe(name);
    else {
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  return names;
}

function polylinePoints(svg: string): [number, number][] {
  const match = /<polyline[^>]* points="([^"]*)"/.exec(svg);
  expect(match).not.toBeNull();
  return match![1].split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

describe('scheduleToSvg', () => {
  const lr = warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 });

  it('writes a standalone, well-formed SVG document', () => {
    const svg = scheduleToSvg(lr, { steps: 500, title: 'warmup & cosine <3e-4>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"')).toBe(
      true,
    );
    expect(svg.endsWith('</svg>')).toBe(true);
    const tags = tagsOf(svg);
    expect(tags[0]).toBe('svg');
    expect(tags.filter((t) => t === 'polyline')).toHaveLength(1);
    expect(svg).toContain('warmup &amp; cosine &lt;3e-4&gt;');
    expect(svg).not.toContain('<3e-4>');
  });

  it('plots one point per step when they fit, inside the image', () => {
    const svg = scheduleToSvg(lr, { steps: 500, width: 800, height: 300 });
    const points = polylinePoints(svg);
    expect(points).toHaveLength(500);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(300);
    }
    // Step 0 (lr 0) sits on the x axis at the left; the peak (step 50) is the highest point.
    const top = Math.min(...points.map(([, y]) => y));
    expect(points[50][1]).toBe(top);
    expect(points[0][0]).toBeLessThan(points[499][0]);
  });

  it('labels the axes with the min and max lr and with steps', () => {
    const svg = scheduleToSvg(lr, { steps: 500 });
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('0');
    expect(labels).toContain('3.0e-4');
    expect(labels).toContain('400');
    expect(labels).toContain('step');
  });

  it('down-samples long schedules to the extremes of each pixel column, keeping the jumps', () => {
    const steps = 100_000;
    const svg = scheduleToSvg(stepDecay({ initial: 0.1, stepSize: 30_000, gamma: 0.5 }), { steps });
    const points = polylinePoints(svg);
    const plotWidth = 640 - 64 - 20;
    expect(points.length).toBeLessThanOrEqual(2 * plotWidth + 2);
    expect(points.length).toBeGreaterThanOrEqual(plotWidth);
    // All four levels 0.1, 0.05, 0.025, 0.0125 remain as distinct y values.
    expect(new Set(points.map(([, y]) => y)).size).toBe(4);
  });

  it('handles a single step and a flat zero schedule', () => {
    expect(polylinePoints(scheduleToSvg(constant(0.1), { steps: 1 }))).toHaveLength(1);
    expect(scheduleToSvg(constant(0), { steps: 10 })).toContain('<polyline');
  });

  it('validates its options', () => {
    expect(() => scheduleToSvg(lr, { steps: 0 })).toThrow(
      'scheduleToSvg: steps must be an integer > 0, got 0',
    );
    expect(() => scheduleToSvg(lr, { steps: 10, width: 50 })).toThrow(
      'scheduleToSvg: a 50×240 image leaves no room for the plot; use at least 104×76',
    );
    expect(() => scheduleToSvg(lr, { steps: 10, title: 5 as never })).toThrow(
      'scheduleToSvg: title must be a string',
    );
  });
});
