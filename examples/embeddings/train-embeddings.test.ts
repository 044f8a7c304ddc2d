import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('examples/embeddings', () => {
  it('trains skip-gram vectors on Moby Dick, prints neighbours and draws the PCA scatter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torchlet-embeddings-'));
    const svgPath = join(dir, 'embeddings.svg');
    try {
      // A small run: 1,000 words of vocabulary, 32 dims, 200 steps of 256 pairs.
      const out = execFileSync(tsx, ['embeddings/train-embeddings.ts'], {
        cwd: examplesDir,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          EMBEDDINGS_STEPS: '200',
          EMBEDDINGS_VOCAB: '1000',
          EMBEDDINGS_DIM: '32',
          EMBEDDINGS_BATCH: '256',
          EMBEDDINGS_SVG: svgPath,
        },
      });
      expect(out).toMatch(/^moby dick: 2\d{5} words, vocabulary 1000 \(seen >= 5 times\)/);
      const losses = [...out.matchAll(/^step +\d+ \| loss ([0-9.]+)$/gm)].map((m) => Number(m[1]));
      expect(losses).toHaveLength(11);
      // All scores start at 0: the first loss is (1 + 5 negatives) · log 2 = 4.1589.
      expect(losses[0]).toBeCloseTo(6 * Math.log(2), 4);
      expect(losses.at(-1)).toBeLessThan(losses[0] * 0.75);

      const queries = ['whale', 'ship', 'sea', 'captain', 'harpoon', 'ahab'];
      const lines = [...out.matchAll(/^nearest to (\S+): (.*)$/gm)];
      expect(lines.map((m) => m[1])).toEqual(queries);
      const plotted = new Set<string>();
      for (const [, word, list] of lines) {
        const neighbours = list.split(', ').map((item) => {
          const [w, sim] = item.split(' ');
          return { w, sim: Number(sim) };
        });
        expect(neighbours).toHaveLength(6);
        expect(neighbours.map((n) => n.w)).not.toContain(word);
        for (const { sim } of neighbours) expect(Math.abs(sim)).toBeLessThanOrEqual(1);
        // Most similar first.
        const sims = neighbours.map((n) => n.sim);
        expect(sims).toEqual([...sims].sort((a, b) => b - a));
        [word, ...neighbours.map((n) => n.w)].forEach((w) => plotted.add(w));
      }

      const svg = readFileSync(svgPath, 'utf8');
      expect(svg.startsWith('<?xml')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      const labels = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text><\/g>/g)].map((m) =>
        m[1].replace(/&apos;/g, "'"),
      );
      expect(new Set(labels)).toEqual(plotted);
      expect(svg.match(/<circle /g)).toHaveLength(plotted.size);
      expect(out).toContain(`wrote ${svgPath}: ${plotted.size} words`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
