import { describe, expect, it } from 'vitest';
import type { Backend } from './backend';
import { cpuBackend } from './cpu/cpu-backend';
import { getDefaultBackend } from './default-backend';
import { tensor } from './index';
import { withDefaultBackend } from './with-default-backend';

const other = { ...cpuBackend, name: 'other' } as Backend;

describe('withDefaultBackend', () => {
  it('makes tensors on the backend inside fn, returns its result, and restores the default', () => {
    const before = getDefaultBackend();
    const t = withDefaultBackend(other, () => tensor([1, 2]));
    expect(t.backend).toBe(other);
    expect(getDefaultBackend()).toBe(before);
    expect(tensor([3]).backend).toBe(before);
  });

  it('restores the default when fn throws', () => {
    const before = getDefaultBackend();
    expect(() =>
      withDefaultBackend(other, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getDefaultBackend()).toBe(before);
  });

  it('refuses async functions and promises, and non-functions, leaving the default as it was', () => {
    const before = getDefaultBackend();
    let ran = false;
    expect(() =>
      withDefaultBackend(other, async () => {
        ran = true;
      }),
    ).toThrow(/withDefaultBackend: fn is async.*Keep the await outside/);
    expect(ran).toBe(false);
    expect(() => withDefaultBackend(other, () => Promise.resolve(1))).toThrow(/returned a Promise/);
    expect(() => withDefaultBackend(other, 5 as unknown as () => void)).toThrow(
      'withDefaultBackend: expected a function, got number',
    );
    expect(getDefaultBackend()).toBe(before);
  });
});
