// Attach the engine before anything else runs (the one allowed import side effect).
import './install';

export { autogradGrad, grad, valueAndGrad, type AutogradGradOptions } from './grad';
export { customFunction, type CustomFunctionSpec, type FunctionContext } from './custom-function';
export { engine, runBackward, type RunBackwardOptions } from './engine';
export {
  compareWithComposition,
  type CompareWithCompositionOptions,
  type CompositionDifference,
} from './compare-with-composition';
export { fusedOp, type FusedOp, type FusedOpSpec, type FusedSaveContext } from './fused-op';
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from './grad-mode';
export { gradcheck, GradcheckError, type GradcheckOptions } from './gradcheck';
export { gradgradcheck } from './gradgradcheck';
export { Node, type BackwardFunction, type Edge } from './node';
export { gradientRules } from './rules/gradient-rules';
export type { Rule, RuleContext, RuleTable } from './rules/rule';
export { sumToShape } from './rules/shape-rules';
