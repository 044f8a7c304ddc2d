/** One named check of a backend. `run` rejects with a precise message on the first mismatch. */
export type ConformanceCase = { name: string; run(): Promise<void> };
