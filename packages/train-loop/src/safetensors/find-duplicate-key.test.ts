import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from './find-duplicate-key';

describe('findDuplicateKey', () => {
  it('finds a key repeated in one object, at any depth, and names the object', () => {
    expect(findDuplicateKey('{"a":1,"b":2,"a":3}')).toEqual({ key: 'a', parent: null });
    expect(findDuplicateKey('{"a":{"x":[{"y":1,"y":2}]}}')).toEqual({ key: 'y', parent: 'x' });
    expect(findDuplicateKey('{"a":{"x":1},"b":{"x":1,"x":2}}')).toEqual({ key: 'x', parent: 'b' });
    expect(findDuplicateKey('{"\\"q\\"":1,"\\u0022q\\u0022":2}')).toEqual({
      key: '"q"',
      parent: null,
    });
  });

  it('accepts the same key in different objects, and lookalikes inside strings', () => {
    expect(findDuplicateKey('{"a":{"x":1},"b":{"x":1},"x":[{"x":1},{"x":2}]}')).toBeUndefined();
    // Checkpoint metadata holds JSON inside strings; its keys are not the header's.
    const metadata = JSON.stringify({ history: '{"a":1,"a":2}', note: 'a "quoted" , {"a": [' });
    expect(findDuplicateKey(`{"__metadata__":${metadata},"a":{}}`)).toBeUndefined();
    expect(findDuplicateKey('{"a":"\\\\","b":"\\\\\\"","a2":1}')).toBeUndefined();
    expect(findDuplicateKey('[1,{"a":1},{"a":2}]   ')).toBeUndefined();
  });
});
