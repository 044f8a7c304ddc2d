import { tensor } from 'torchlet';
import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from './nearest-neighbours';

describe('nearestNeighbours', () => {
  const vectors = tensor([
    [1, 0],
    [9, 1],
    [0, 2],
    [-3, 0],
    [0.5, 0.5],
  ]);

  it('ranks the other rows by cosine similarity, leaving the row itself out', () => {
    const found = nearestNeighbours(vectors, 0, 3);
    expect(found.map((n) => n.id)).toEqual([1, 4, 2]);
    expect(found[0].similarity).toBeCloseTo(9 / Math.sqrt(82), 6);
    expect(found[1].similarity).toBeCloseTo(Math.SQRT1_2, 6);
    expect(found[2].similarity).toBeCloseTo(0, 6);
    // Length does not matter, direction does: the farthest is the opposite vector.
    expect(nearestNeighbours(vectors, 0, 4).at(-1)).toEqual({ id: 3, similarity: -1 });
  });

  it('rejects an id or k out of range', () => {
    expect(() => nearestNeighbours(vectors, 5, 2)).toThrow(
      'nearestNeighbours: id 5 is out of range for 5 vectors',
    );
    expect(() => nearestNeighbours(vectors, 0, 5)).toThrow(
      'nearestNeighbours: k must be an integer in [1, 4], got 5',
    );
  });
});
