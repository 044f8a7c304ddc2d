import { describe, expect, it } from 'vitest';
import { scatterSvg } from './scatter-svg';

describe('scatterSvg', () => {
  it('draws each point with its label, one scale for both axes, and escapes the text', () => {
    const svg = scatterSvg(
      [
        { x: -1, y: 0, label: 'whale', group: 0, bold: true },
        { x: 1, y: 0, label: "ahab's <ship>", group: 1 },
        { x: 0, y: 0.5, label: 'sea & sky', group: 8 },
      ],
      { title: 'Q&A', width: 420, height: 300 },
    );
    expect(svg).toContain('<title>Q&amp;A</title>');
    // The plot is 300 wide and 228 high; the x span (2) decides the scale: 150 px per unit.
    // Centred: x from 24 to 324, y 0 … 0.5 drawn around the plot's middle (162) as 199.5 … 124.5.
    expect(svg).toContain(
      '<g class="point" fill="#2563eb"><circle cx="24" cy="199.5" r="3.5"/>' +
        '<text x="30" y="203.5" font-weight="700">whale</text></g>',
    );
    expect(svg).toContain(
      '<g class="point" fill="#dc2626"><circle cx="324" cy="199.5" r="3.5"/>' +
        '<text x="330" y="203.5">ahab&apos;s &lt;ship&gt;</text></g>',
    );
    // Group 8 wraps around the 7-colour palette to the second colour.
    expect(svg).toContain('fill="#dc2626"><circle cx="174" cy="124.5" r="3.5"/>');
    expect(svg).toContain('sea &amp; sky');
  });

  it('rejects a point with a non-finite coordinate', () => {
    expect(() => scatterSvg([{ x: NaN, y: 0, label: 'void', group: 0 }])).toThrow(
      'scatterSvg: point "void" has a non-finite coordinate (NaN, 0)',
    );
  });
});
