import { describe, expect, it } from 'vitest';
import { attachGradientEngine, getGradientEngine, type GradientEngine } from './gradient-engine';

/** An engine that records nothing: only its identity matters here. */
const fakeEngine = (): GradientEngine => ({
  isGradEnabled: () => true,
  record: () => {},
  backward: () => {},
});

describe('attachGradientEngine', () => {
  it('keeps the first engine and refuses a second one, naming the fix', () => {
    // A fresh module graph per test file: no autograd is attached yet.
    expect(getGradientEngine()).toBeNull();
    const first = fakeEngine();
    attachGradientEngine(first);
    attachGradientEngine(first); // the same copy imported twice is fine
    expect(getGradientEngine()).toBe(first);

    expect(() => attachGradientEngine(fakeEngine())).toThrow(
      /two copies of @torchlet\/autograd are installed.*npm dedupe/,
    );
    expect(getGradientEngine()).toBe(first);
  });
});
