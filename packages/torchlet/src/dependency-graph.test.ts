import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The workspace's published packages, as an install sees them: their package.json fields and
// the imports of the files that ship (src/ without tests). tensor holds the attached gradient
// engine and autograd the grad mode and the `Node` class: two installed copies of either break
// `backward`, `noGrad` and `Optimizer.step`. The rules below make a second copy impossible in an
// install that satisfies the peer dependencies.

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const stateful = ['@torchlet/tensor', '@torchlet/autograd'];
const umbrella = 'torchlet';

type Deps = Record<string, string>;
interface Manifest {
  name: string;
  private?: boolean;
  files?: string[];
  dependencies?: Deps;
  peerDependencies?: Deps;
  devDependencies?: Deps;
}
interface Workspace {
  folder: string;
  manifest: Manifest;
  /** Package names the shipped source imports (types included: the .d.ts files import them). */
  imports: Set<string>;
  /** Runtime files under src/ that import vitest, i.e. test helpers the build would ship. */
  testHelpers: string[];
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /(?<!\.test|\.d)\.ts$/.test(name) ? [path] : [];
  });

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for relative and node: imports. */
const packageOf = (specifier: string): string | null => {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

// Static imports and re-exports (prettier starts them at column 0), bare side-effect imports and
// dynamic imports, in the text without its comments.
const importPattern =
  /^(?:import|export)\s[^;]*?\bfrom\s+'([^']+)'|^import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm;
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const workspaces: Workspace[] = readdirSync(packagesDir)
  .filter((folder) => existsSync(join(packagesDir, folder, 'package.json')))
  .map((folder) => {
    const manifest = JSON.parse(
      readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'),
    ) as Manifest;
    const imports = new Set<string>();
    const testHelpers: string[] = [];
    for (const file of sourceFiles(join(packagesDir, folder, 'src'))) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const [, from, bare, dynamic] of text.matchAll(importPattern)) {
        const name = packageOf(from ?? bare ?? dynamic);
        if (name === 'vitest') testHelpers.push(file.slice(packagesDir.length));
        else if (name !== null && name !== manifest.name) imports.add(name);
      }
    }
    return { folder, manifest, imports, testHelpers };
  });
const published = workspaces.filter((w) => w.manifest.private !== true);
const byName = new Map(workspaces.map((w) => [w.manifest.name, w]));
const runtimeDeps = (m: Manifest): string[] => [
  ...Object.keys(m.dependencies ?? {}),
  ...Object.keys(m.peerDependencies ?? {}),
];

describe('the dependency graph: one copy of tensor and autograd per install', () => {
  it('reads every package of the workspace', () => {
    expect(workspaces.map((w) => w.manifest.name).sort()).toEqual(
      [
        '@torchlet/activations',
        '@torchlet/autograd',
        '@torchlet/backend-gpujs',
        '@torchlet/layers',
        '@torchlet/losses',
        '@torchlet/optim',
        '@torchlet/schedulers',
        '@torchlet/tensor',
        '@torchlet/train-loop',
        umbrella,
      ].sort(),
    );
    // The stack really imports the stateful packages, so the rules below are not vacuous.
    expect([...byName.get('@torchlet/layers')!.imports]).toContain('@torchlet/autograd');
    expect([...byName.get('@torchlet/optim')!.imports]).toContain('@torchlet/autograd');
  });

  it('no package but the umbrella lists tensor or autograd under dependencies', () => {
    const plain = published
      .filter((w) => w.manifest.name !== umbrella)
      .flatMap((w) =>
        stateful
          .filter((s) => w.manifest.dependencies?.[s] !== undefined)
          .map((s) => `${w.manifest.name} → ${s}`),
      );
    expect(plain).toEqual([]);
  });

  it('a package that imports tensor or autograd has it as a workspace:^ peer and dev dependency', () => {
    const missing = published
      .filter((w) => w.manifest.name !== umbrella)
      .flatMap((w) =>
        stateful
          .filter((s) => w.imports.has(s))
          .filter(
            (s) =>
              w.manifest.peerDependencies?.[s] !== 'workspace:^' ||
              w.manifest.devDependencies?.[s] !== 'workspace:^',
          )
          .map((s) => `${w.manifest.name} → ${s}`),
      );
    expect(missing).toEqual([]);
  });

  it('peer dependencies pass up: whoever depends on a package provides its @torchlet peers', () => {
    // train-loop → optim (peers tensor, autograd) must itself have them as peers (or, for the
    // umbrella, as dependencies), so that both resolve to the install's single copy.
    const unmet = published.flatMap((w) =>
      Object.keys(w.manifest.dependencies ?? {})
        .filter((d) => byName.has(d))
        .flatMap((d) =>
          Object.keys(byName.get(d)!.manifest.peerDependencies ?? {})
            .filter((peer) => peer.startsWith('@torchlet/'))
            .filter((peer) => !runtimeDeps(w.manifest).includes(peer))
            .map((peer) => `${w.manifest.name} → ${d} needs ${peer}`),
        ),
    );
    expect(unmet).toEqual([]);
  });

  it('every package the shipped source imports is a dependency or a peer dependency', () => {
    const undeclared = published.flatMap((w) =>
      [...w.imports]
        .filter((name) => !runtimeDeps(w.manifest).includes(name))
        .map((name) => `${w.manifest.name} imports ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('no package has a runtime dependency that only its tests use', () => {
    // A peer the package does not import is still needed when a dependency of it has that peer
    // (losses → activations → autograd): the rule above passes it up.
    const peersOfDeps = (m: Manifest): string[] =>
      Object.keys(m.dependencies ?? {}).flatMap((d) =>
        Object.keys(byName.get(d)?.manifest.peerDependencies ?? {}),
      );
    const testOnly = published.flatMap((w) =>
      runtimeDeps(w.manifest)
        .filter((name) => !w.imports.has(name) && !peersOfDeps(w.manifest).includes(name))
        .map((name) => `${w.manifest.name} → ${name}`),
    );
    expect(testOnly).toEqual([]);
  });

  it('test helpers live outside src/ and outside the published files', () => {
    expect(published.flatMap((w) => w.testHelpers)).toEqual([]);
    for (const w of published)
      expect(w.manifest.files).toEqual(['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']);
  });
});
