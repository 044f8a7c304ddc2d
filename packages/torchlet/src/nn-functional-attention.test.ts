import { describe, expect, it } from 'vitest';
import * as torchlet from './index';
import { nn, randn } from './index';

describe('scaledDotProductAttention in the umbrella', () => {
  it('is exported at the top level and as nn.functional.scaledDotProductAttention', () => {
    expect(nn.functional.scaledDotProductAttention).toBe(torchlet.scaledDotProductAttention);
    expect(torchlet.functional.scaledDotProductAttention).toBe(torchlet.scaledDotProductAttention);
    const q = randn([2, 3, 4], { requiresGrad: true });
    const y = nn.functional.scaledDotProductAttention(q, q, q, { isCausal: true });
    expect(y.shape).toEqual([2, 3, 4]);
    // Causal: the first query sees only the first key, so its output is the first value row.
    expect((y.toArray() as number[][][])[1][0]).toEqual((q.toArray() as number[][][])[1][0]);
  });
});
