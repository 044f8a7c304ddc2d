/**
 * Where a JSON text repeats a key within one object, which `JSON.parse` silently resolves by
 * keeping the last value. `parent` is the key of the object holding the duplicates (`null` at
 * the top level). Keys are compared after unescaping, so `"w"` and `"\u0077"` are the same key.
 * Expects valid JSON (parse it first).
 *
 * @example
 * ```ts
 * findDuplicateKey('{"a":{"x":1,"x":2}}'); // { key: 'x', parent: 'a' }
 * findDuplicateKey('{"a":1}'); // undefined
 * ```
 */
export function findDuplicateKey(json: string): { key: string; parent: string | null } | undefined {
  interface Frame {
    /** Keys seen so far, for objects; null for arrays. */
    keys: Set<string> | null;
    /** The key this container is the value of (inherited through arrays). */
    name: string | null;
    expectKey: boolean;
    lastKey: string | null;
  }
  const stack: Frame[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let end = i + 1;
      let escaped = false;
      while (json[end] !== '"') {
        if (json[end] === '\\') {
          escaped = true;
          end++;
        }
        end++;
      }
      const top = stack[stack.length - 1];
      if (top?.keys != null && top.expectKey) {
        const key = escaped
          ? (JSON.parse(json.slice(i, end + 1)) as string)
          : json.slice(i + 1, end);
        if (top.keys.has(key)) return { key, parent: top.name };
        top.keys.add(key);
        top.expectKey = false;
        top.lastKey = key;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      const name = top === undefined ? null : top.keys !== null ? top.lastKey : top.name;
      stack.push({ keys: c === '{' ? new Set() : null, name, expectKey: c === '{', lastKey: null });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys != null) top.expectKey = true;
    }
  }
  return undefined;
}
