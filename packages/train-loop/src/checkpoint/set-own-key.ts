/**
 * `record[key] = value` that always makes an own, enumerable key, even for `__proto__` (where
 * plain assignment would replace the prototype and lose the value). States keyed by parameter
 * or tensor names go through it.
 *
 * @example
 * ```ts
 * const mu = {};
 * setOwnKey(mu, '__proto__', tensor([1])); // Object.keys(mu) → ['__proto__']
 * ```
 */
export function setOwnKey(record: object, key: string, value: unknown): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
