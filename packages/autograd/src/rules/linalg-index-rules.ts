import { where, zerosLike } from '@torchlet/tensor';
import type { Rule } from './rule';

/** Gradient rules of matmul, where and the index primitives. */
export const linalgIndexRules = {
  // Inputs have equal batch shapes (the op recorded its own expands).
  matmul: ({ inputs: [a, b] }, g, needs) => [
    needs[0] ? g.matmul(b.mT) : null,
    needs[1] ? a.mT.matmul(g) : null,
  ],
  where: ({ attrs: { condition } }, g, needs) => [
    needs[0] ? where(condition, g, 0) : null,
    needs[1] ? where(condition, 0, g) : null,
  ],
  gather: ({ inputs: [x], attrs: { dim, index } }, g) => [zerosLike(x).scatterAdd(dim, index, g)],
  scatterAdd: ({ attrs: { dim, index } }, g, needs) => [
    needs[0] ? g : null,
    needs[1] ? g.gather(dim, index) : null,
  ],
} satisfies { [K in 'matmul' | 'where' | 'gather' | 'scatterAdd']: Rule<K> };
