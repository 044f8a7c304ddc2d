/** One named check of a backend. `run` rejects with a precise message on the first mismatch. */
export type ConformanceCase = {
  /** The check's name, e.g. `'binary: float64 keeps double precision'`. */
  name: string;
  /** Runs the check; rejects with a message naming the first mismatch. */
  run(): Promise<void>;
};
