import { elementwiseRules } from './elementwise-rules';
import { linalgIndexRules } from './linalg-index-rules';
import { reduceRules } from './reduce-rules';
import type { RuleTable } from './rule';
import { shapeRules } from './shape-rules';

/** The gradient rule of every primitive of `@torchlet/tensor`, checked exhaustive by the type. */
export const gradientRules: RuleTable = {
  ...elementwiseRules,
  ...shapeRules,
  ...reduceRules,
  ...linalgIndexRules,
};
