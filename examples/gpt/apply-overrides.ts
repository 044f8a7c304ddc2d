/**
 * nanoGPT's configurator in one function: `--name=value` arguments replace the values of
 * `config` with the same name, parsed as the type the default has (number, boolean or string).
 * Unknown names and unparsable values are errors, so a typo never trains the wrong model.
 *
 * @example
 * ```ts
 * applyOverrides({ steps: 600, bias: false }, ['--steps=50', '--bias=true']); // { steps: 50, bias: true }
 * ```
 */
export function applyOverrides<T extends object>(config: T, args: readonly string[]): T {
  const result = { ...config } as Record<string, unknown>;
  for (const arg of args) {
    const match = /^--([A-Za-z0-9]+)=(.*)$/s.exec(arg);
    if (match === null) throw new TypeError(`expected --name=value, got '${arg}'`);
    const [, name, raw] = match;
    if (!Object.hasOwn(result, name)) {
      throw new TypeError(`unknown config key '${name}'; known: ${Object.keys(result).join(', ')}`);
    }
    const kind = typeof result[name];
    if (kind === 'number') {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new TypeError(`--${name} expects a number, got '${raw}'`);
      }
      result[name] = value;
    } else if (kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false') {
        throw new TypeError(`--${name} expects true or false, got '${raw}'`);
      }
      result[name] = raw === 'true';
    } else {
      result[name] = raw;
    }
  }
  return result as T;
}
