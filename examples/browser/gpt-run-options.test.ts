import { describe, expect, it } from 'vitest';
import { gptRunDefaults, gptRunOptions } from './gpt-run-options';

describe("gptRunOptions: the GPT page's query string", () => {
  it('overrides the defaults it names and keeps the rest', () => {
    expect(gptRunOptions('')).toEqual(gptRunDefaults);
    expect(gptRunOptions('?steps=100&nEmbd=32&lr=0.01')).toEqual({
      ...gptRunDefaults,
      steps: 100,
      nEmbd: 32,
      lr: 0.01,
    });
  });

  it('rejects unknown names and values that are not positive (integers but lr)', () => {
    expect(() => gptRunOptions('?step=5')).toThrow(
      "gpt.html: unknown option 'step'; known: nLayer",
    );
    expect(() => gptRunOptions('?steps=1.5')).toThrow(
      "gpt.html: steps must be an integer >= 1, got '1.5'",
    );
    expect(() => gptRunOptions('?nEmbd=')).toThrow("nEmbd must be an integer >= 1, got ''");
    expect(() => gptRunOptions('?lr=-1')).toThrow("gpt.html: lr must be a number > 0, got '-1'");
  });
});
