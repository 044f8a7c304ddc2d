import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../test-support/find-python';
import { lossCurveSvg } from './loss-curve-svg';
import { syntheticHistory } from '../../test-support/synthetic-history';

/** Checks that tags nest properly (a loose well-formedness test) and returns the tag names. */
function checkBalanced(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const [, close, name, selfClosing] of svg.matchAll(
    /<(\/?)([A-Za-z?][\w:-]*)[^>]*?(\/?)>/g,
  )) {
    if (name === '?xml') continue;
    names.push(name);
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(stack).toEqual([]);
  return names;
}

const pointsOf = (svg: string, cls: string) =>
  (svg.match(new RegExp(`<polyline class="${cls}"[^>]* points="([^"]*)"`))?.[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.split(',').map(Number));

describe('lossCurveSvg', () => {
  const history = syntheticHistory(500, 100);
  const svg = lossCurveSvg(history, { title: 'MLP <blobs> & "friends"' });

  it('is a standalone, well-formed SVG document', () => {
    expect(
      svg.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"',
      ),
    ).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect((svg.match(/<svg[\s>]/g) ?? []).length).toBe(1);
    const names = checkBalanced(svg);
    expect(names[0]).toBe('svg');
    expect(svg).not.toMatch(/<script|href=/);
    expect(svg).toContain('MLP &lt;blobs&gt; &amp; &quot;friends&quot;');
  });

  it('draws one train point per step and one val point per evaluation, inside the plot', () => {
    const train = pointsOf(svg, 'train');
    const val = pointsOf(svg, 'val');
    expect(train).toHaveLength(500);
    expect(val).toHaveLength(history.eval.length);
    for (const [x, y] of [...train, ...val]) {
      expect(x).toBeGreaterThanOrEqual(64);
      expect(x).toBeLessThanOrEqual(720 - 24);
      expect(y).toBeGreaterThanOrEqual(48);
      expect(y).toBeLessThanOrEqual(400 - 52);
    }
    // Lower loss is drawn lower on the page: y grows as the loss falls.
    expect(train[499][1]).toBeGreaterThan(train[0][1]);
    expect((svg.match(/<circle /g) ?? []).length).toBe(history.eval.length + 1); // + legend dot
  });

  it('averages long runs down to maxPoints', () => {
    const long = lossCurveSvg(syntheticHistory(10_000, 1000), { maxPoints: 800 });
    expect(pointsOf(long, 'train')).toHaveLength(800);
  });

  it('handles a run without validation', () => {
    const onlyTrain = lossCurveSvg({ train: syntheticHistory(20, 5).train, eval: [] });
    checkBalanced(onlyTrain);
    expect(onlyTrain).not.toContain('class="val"');
  });

  const python = findPython();
  it.skipIf(python === null)('parses with a strict XML parser (Python xml.etree)', () => {
    const out = execFileSync(
      python!,
      [
        '-c',
        'import sys, xml.etree.ElementTree as ET; r = ET.fromstring(sys.stdin.buffer.read()); ' +
          "print(r.tag, len(r.findall('.//{http://www.w3.org/2000/svg}polyline')))",
      ],
      { input: svg, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('{http://www.w3.org/2000/svg}svg 2');
  });
});
