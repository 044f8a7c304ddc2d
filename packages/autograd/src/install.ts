import { attachGradientEngine } from '@torchlet/tensor';
import { engine } from './engine';

// The one import side effect torchlet allows (DESIGN.md): tensor's backward() and op recording
// go through this engine from now on. Declared in package.json "sideEffects".
attachGradientEngine(engine);
