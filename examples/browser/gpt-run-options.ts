/** How the GPT page trains: the model's shape and the run's length, from the page's URL. */
export interface GptRunOptions {
  readonly nLayer: number;
  readonly nHead: number;
  readonly nEmbd: number;
  readonly blockSize: number;
  readonly batchSize: number;
  readonly steps: number;
  /** The peak learning rate (warmup over the first tenth, then cosine down to a tenth of it). */
  readonly lr: number;
  /** Draw a sample (and measure the validation loss) every this many steps, and at the end. */
  readonly sampleEvery: number;
  /** Characters per sample. */
  readonly sampleChars: number;
}

/**
 * The defaults: one block, 64 wide, 400 steps of 8 × 32 characters. The same run in Node on the
 * CPU backend takes the training loss from 4.3 to about 2.5. Without a GPU, Chromium's software
 * WebGL (SwiftShader) runs it at about one step per second; the test runs a smaller model.
 */
export const gptRunDefaults: GptRunOptions = {
  nLayer: 1,
  nHead: 4,
  nEmbd: 64,
  blockSize: 32,
  batchSize: 8,
  steps: 400,
  lr: 5e-3,
  sampleEvery: 50,
  sampleChars: 80,
};

/**
 * Reads the run's options from a query string such as `?steps=100&nEmbd=32`, over
 * {@link gptRunDefaults}. An unknown name or a value that is not a positive number (an integer,
 * except `lr`) is an error that names it.
 *
 * @example
 * ```ts
 * gptRunOptions('?steps=100&nLayer=1').nLayer; // 1
 * ```
 */
export function gptRunOptions(search: string): GptRunOptions {
  const options: Record<string, number> = { ...gptRunDefaults };
  for (const [name, raw] of new URLSearchParams(search)) {
    if (!(name in gptRunDefaults)) {
      throw new RangeError(
        `gpt.html: unknown option '${name}'; known: ${Object.keys(gptRunDefaults).join(', ')}`,
      );
    }
    const value = Number(raw);
    const valid =
      name === 'lr' ? value > 0 && Number.isFinite(value) : Number.isInteger(value) && value >= 1;
    if (!valid) {
      throw new RangeError(
        `gpt.html: ${name} must be ${name === 'lr' ? 'a number > 0' : 'an integer >= 1'}, got '${raw}'`,
      );
    }
    options[name] = value;
  }
  return options as unknown as GptRunOptions;
}
