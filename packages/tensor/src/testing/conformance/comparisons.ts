import type { BinaryOp } from '../../backend';

/** The binary ops that give a bool result. */
export const comparisons: ReadonlySet<BinaryOp> = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
