/** What the page writes into `#result` as JSON when training is done (read by its test). */
export interface TrainSummary {
  /** The backend's name, e.g. `'gpujs:webgl2'`. */
  readonly backend: string;
  /** The gpu.js mode the backend resolved to. */
  readonly mode: string;
  /** The class of the kernels gpu.js compiled, e.g. `'WebGL2Kernel'`. */
  readonly kernel: string;
  /** True when the kernels ran in a WebGL2 context (not a CPU or WebAssembly fallback). */
  readonly webgl: boolean;
  readonly steps: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  /** Validation accuracy after training. */
  readonly accuracy: number;
  /** Training steps per second, kernel compilation included. */
  readonly stepsPerSecond: number;
}
