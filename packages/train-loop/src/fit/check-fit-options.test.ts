import { describe, expect, it } from 'vitest';
import { fit } from './fit';

describe('fit checks its options before reading them', () => {
  it("null or undefined options get fit's own error, not a destructuring TypeError", async () => {
    await expect(fit(null as never)).rejects.toThrow(/^fit: expected an options object$/);
    await expect(fit(undefined as never)).rejects.toThrow(/^fit: expected an options object$/);
    await expect(fit(7 as never)).rejects.toThrow(/^fit: expected an options object$/);
  });
});
