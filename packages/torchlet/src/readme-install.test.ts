import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A package README's install line must install every package its example imports: a reader
// who pastes both gets a program that resolves. It must also name the @torchlet peer
// dependencies of what it installs (pnpm and yarn do not always add peers on their own).

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifests = new Map<string, Manifest>();
const readmes: { name: string; text: string }[] = [];
for (const folder of readdirSync(packagesDir)) {
  const path = join(packagesDir, folder, 'package.json');
  if (!existsSync(path)) continue;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  manifests.set(manifest.name, manifest);
  if (manifest.private !== true)
    readmes.push({
      name: manifest.name,
      text: readFileSync(join(packagesDir, folder, 'README.md'), 'utf8'),
    });
}

/** The fenced code blocks of a Markdown text, with their language. */
const codeBlocks = (markdown: string): { lang: string; code: string }[] =>
  [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map(([, lang, code]) => ({ lang, code }));

/** The packages of the first `npm i` / `npm install` / `pnpm add` / `yarn add` line. */
const installLine = (markdown: string): string[] | undefined => {
  for (const { lang, code } of codeBlocks(markdown)) {
    if (lang !== 'sh' && lang !== 'bash') continue;
    const line = code.split('\n').find((l) => /^(npm (i|install)|pnpm add|yarn add) /.test(l));
    if (line !== undefined)
      return line
        .replace(/#.*$/, '')
        .trim()
        .split(/\s+/)
        .slice(2)
        .filter((word) => !word.startsWith('-'))
        .map((spec) => spec.replace(/(?<=.)@[^/]*$/, '')); // name@version → name
  }
  return undefined;
};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
const builtins = new Set(builtinModules);

/** The packages the import statements of the first TypeScript/JavaScript block name. */
const exampleImports = (markdown: string): string[] => {
  const block = codeBlocks(markdown).find(({ lang }) =>
    /^(ts|js|typescript|javascript)$/.test(lang),
  );
  if (block === undefined) return [];
  const specifiers = [...block.code.matchAll(/^import\s(?:[^;]*?\sfrom\s)?\s*'([^']+)'/gm)].map(
    ([, s]) => s,
  );
  return [
    ...new Set(
      specifiers
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(s))
        .map(packageOf),
    ),
  ];
};

/** The non-optional @torchlet peer dependencies of the installed packages. */
const peersOf = (installed: string[]): string[] =>
  installed.flatMap((name) => {
    const m = manifests.get(name);
    return Object.keys(m?.peerDependencies ?? {}).filter(
      (peer) => peer.startsWith('@torchlet/') && m?.peerDependenciesMeta?.[peer]?.optional !== true,
    );
  });

describe("each package README's install line installs what its example imports", () => {
  it('the parsers read install lines and imports (and see a missing package)', () => {
    const sample = [
      '```sh',
      'npm i @torchlet/a b@1.2.3 --save # comment',
      '```',
      '',
      '```ts',
      "import { x } from '@torchlet/a';",
      "import '@torchlet/c/sub';",
      "import type { T } from 'b';",
      "import {\n  y,\n  z,\n} from 'd';",
      "import { readFile } from 'node:fs';",
      '```',
    ].join('\n');
    expect(installLine(sample)).toEqual(['@torchlet/a', 'b']);
    expect(exampleImports(sample)).toEqual(['@torchlet/a', '@torchlet/c', 'b', 'd']);
  });

  for (const { name, text } of readmes) {
    it(name, () => {
      const installed = installLine(text);
      expect(installed, `${name}: README has no install line`).toBeDefined();
      expect(installed, `${name}: the install line installs the package itself`).toContain(name);
      const imports = exampleImports(text);
      expect(imports.length, `${name}: the first code block imports nothing`).toBeGreaterThan(0);
      const missing = [...imports, ...peersOf(installed!)].filter((p) => !installed!.includes(p));
      expect([...new Set(missing)], `${name}: install line lacks these`).toEqual([]);
    });
  }
});
