// Every published entry point of every package, as an install sees it: ESM only (no export
// condition leads to a .cjs file), and require() gives the same module namespace as import().
// require() of an ES module graph with a top-level await fails (ERR_REQUIRE_ASYNC_MODULE), so
// this also shows that no package has one in its graph (the wasm loading included).
// Run by .ci/packaging-check.sh in a project that installed the packed packages with npm.
'use strict';
const assert = require('node:assert/strict');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

/** Every file an export condition names, at any depth. */
const targets = (value) =>
  typeof value === 'string' ? [value] : Object.values(value).flatMap(targets);

const packageDirs = () => {
  const top = join(process.cwd(), 'node_modules');
  return [
    join(top, 'torchlet'),
    ...readdirSync(join(top, '@torchlet')).map((name) => join(top, '@torchlet', name)),
  ];
};

async function main() {
  let entries = 0;
  for (const dir of packageDirs()) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.equal(manifest.type, 'module', `${manifest.name}: "type": "module"`);
    for (const [subpath, value] of Object.entries(manifest.exports)) {
      if (subpath === './package.json') continue;
      const specifier = manifest.name + subpath.slice(1);
      for (const file of targets(value))
        assert.match(file, /\.(js|d\.ts)$/, `${specifier}: export target ${file} is not ESM`);
      let required;
      try {
        required = require(specifier);
      } catch (error) {
        throw new Error(`require('${specifier}') failed: ${error.code ?? ''} ${error.message}`);
      }
      assert.equal(required, await import(specifier), `${specifier}: require() is import()`);
      assert.ok(Object.keys(required).length > 0, `${specifier}: exports nothing`);
      entries++;
    }
  }
  console.log(
    `every entry: ${entries} entry points are ESM, and require() gives import()'s module`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
