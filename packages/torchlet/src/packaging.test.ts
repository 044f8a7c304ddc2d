import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// One library however it is loaded: every package ships ES modules only, which Node >= 20.19
// (and >= 22.12) `require()`s into the same module instance that `import` gives, so a CommonJS
// caller and an ESM caller share one Tensor class, one generator and one gradient engine. A
// dual ESM + CJS build would give them two copies. These are the cheap checks on the sources;
// .ci/packaging-check.sh runs the real thing on the packed packages installed with npm.

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const rootDir = join(packagesDir, '..');
const engines = '^20.19.0 || >=22.12.0';

interface Manifest {
  name: string;
  private?: boolean;
  type?: string;
  license?: string;
  keywords?: unknown;
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  exports?: Record<string, unknown>;
  main?: string;
  module?: string;
  types?: string;
  files?: string[];
}

const packages = readdirSync(packagesDir)
  .filter((folder) => existsSync(join(packagesDir, folder, 'package.json')))
  .map((folder) => ({
    folder,
    manifest: JSON.parse(
      readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'),
    ) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

/** Every condition name and every file in an `exports` value, at any depth. */
const walkExports = (value: unknown, conditions: string[] = [], files: string[] = []) => {
  if (typeof value === 'string') files.push(value);
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      conditions.push(key);
      walkExports(inner, conditions, files);
    }
  return { conditions, files };
};

const functionLike = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ClassStaticBlockDeclaration,
]);

/**
 * The lines of `text` with an `await` outside every function: a top-level await makes the
 * module graph asynchronous, and Node's `require()` then refuses it (ERR_REQUIRE_ASYNC_MODULE).
 */
const topLevelAwaits = (fileName: string, text: string): number[] => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (functionLike.has(node.kind)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
};

const shippedSources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return shippedSources(path);
    return /(?<!\.test|\.d)\.ts$/.test(name) ? [path] : [];
  });

describe('packaging: ESM only, one module instance for require() and import()', () => {
  it('reads every published package', () => {
    expect(packages.length).toBe(10);
  });

  it('every export condition leads to an ES module (.js) or its types (.d.ts), none to CJS', () => {
    const wrong = packages.flatMap(({ manifest }) => {
      const { conditions, files } = walkExports(manifest.exports);
      return [
        ...conditions.filter((c) => c === 'require' || c === 'module-sync').map((c) => `${c}`),
        ...files.filter((f) => !/\.(js|d\.ts|json)$/.test(f)),
        ...[manifest.main, manifest.types].filter((f) => !f || !/\.(js|d\.ts)$/.test(f)),
        ...(manifest.module === undefined ? [] : ['"module" field']),
        ...(manifest.type === 'module' ? [] : ['"type" is not "module"']),
      ].map((problem) => `${manifest.name}: ${problem}`);
    });
    expect(wrong).toEqual([]);
  });

  it('every package declares the Node versions that require() ES modules', () => {
    for (const { manifest } of packages)
      expect(manifest.engines, manifest.name).toEqual({ node: engines });
  });

  it('every tsup build emits ESM only', async () => {
    for (const { folder } of packages) {
      const url = pathToFileURL(join(packagesDir, folder, 'tsup.config.ts')).href;
      const config = (await import(url)) as {
        default: { format?: unknown } | { format?: unknown }[];
      };
      const builds = Array.isArray(config.default) ? config.default : [config.default];
      for (const build of builds) expect(build.format, folder).toEqual(['esm']);
    }
  });

  it('no shipped source has a top-level await (require() refuses such a graph)', () => {
    // The detector itself: a top-level await and a for await are found, awaits in functions not.
    expect(
      topLevelAwaits(
        'probe.ts',
        'const a = await load();\nasync function f() { await a; }\nfor await (const x of xs) {}\n' +
          'const g = async () => { await a; };\nif (a) { await a; }\n',
      ),
    ).toEqual([1, 3, 5]);
    const found = packages.flatMap(({ folder }) =>
      shippedSources(join(packagesDir, folder, 'src')).flatMap((file) =>
        topLevelAwaits(file, readFileSync(file, 'utf8')).map(
          (line) => `${file.slice(packagesDir.length)}:${line}`,
        ),
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('packaging: license, repository, keywords', () => {
  it('the repository is MIT licensed and every package ships the same LICENSE', () => {
    expect(existsSync(join(rootDir, 'LICENSE'))).toBe(true);
    const license = readFileSync(join(rootDir, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n/);
    for (const { folder, manifest } of packages) {
      expect(manifest.license, manifest.name).toBe('MIT');
      expect(manifest.files, manifest.name).toContain('LICENSE');
      expect(readFileSync(join(packagesDir, folder, 'LICENSE'), 'utf8'), folder).toBe(license);
    }
  });

  it('every package names the one repository and its folder in it', () => {
    const urls = new Set(packages.map(({ manifest }) => manifest.repository?.url));
    expect(urls.size).toBe(1);
    for (const { folder, manifest } of packages) {
      expect(manifest.repository, manifest.name).toEqual({
        type: 'git',
        url: expect.stringMatching(/^git\+https:\/\/.+\.git$/),
        directory: `packages/${folder}`,
      });
    }
  });

  it('every package has keywords', () => {
    for (const { manifest } of packages) {
      expect(Array.isArray(manifest.keywords), manifest.name).toBe(true);
      const keywords = manifest.keywords as unknown[];
      expect(keywords.length, manifest.name).toBeGreaterThanOrEqual(3);
      for (const k of keywords) expect(k, manifest.name).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    }
  });
});
