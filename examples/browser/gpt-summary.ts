import type { GPTConfig } from '../gpt/gpt-config';

/** A sample the GPT page wrote during training. */
export interface GptSample {
  /** Training steps done when it was drawn. */
  readonly step: number;
  /** The generated characters (the prompt not included). */
  readonly text: string;
}

/** What the GPT page writes into `#result` as JSON when training is done (read by its test). */
export interface GptSummary {
  /** The backend's name, e.g. `'gpujs:webgl2'`. */
  readonly backend: string;
  /** The gpu.js mode the backend resolved to. */
  readonly mode: string;
  /** The class of the kernels gpu.js compiled, e.g. `'WebGL2Kernel'`. */
  readonly kernel: string;
  /** True when the kernels ran in a WebGL2 context (not a CPU or WebAssembly fallback). */
  readonly webgl: boolean;
  readonly config: GPTConfig;
  readonly parameters: number;
  readonly batchSize: number;
  readonly steps: number;
  /** Characters of training text (the first 90% of the bundled chapters; the rest validates). */
  readonly trainChars: number;
  /** The loss of the first step: about log(vocabSize) for an untrained model. */
  readonly firstLoss: number;
  /** The mean training loss of the last 10 steps. */
  readonly lastLoss: number;
  /** The validation loss (the last 10% of the text) before training and after. */
  readonly firstValLoss: number;
  readonly lastValLoss: number;
  /** The samples drawn during training, the last one after the final step. */
  readonly samples: readonly GptSample[];
  /** gpu.js kernels compiled (one per op and shape), sampling included. */
  readonly kernels: number;
  /** The first training step, which compiles the kernels of the forward and backward passes. */
  readonly firstStepSeconds: number;
  /** Training steps per second after the first (sampling and evaluation not included). */
  readonly stepsPerSecond: number;
  /** Wall time of the whole run, sampling and evaluation included. */
  readonly seconds: number;
}
