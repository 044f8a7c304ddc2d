#!/usr/bin/env bash
# Day-one friction (issue 14, part 6), checked as a user meets it:
#  1. an optimizer created before `model.to(backend)` trains as one created after (every
#     optimizer, on gpu.js's 'cpu' mode and on a second CPU backend), and its state follows;
#  2. `opt.setLr(…)` type-checks under `noUncheckedIndexedAccess`, beside the schedulers;
#  3. `Module`/`Sequential` signatures: the type tests (`@ts-expect-error`) compile under tsc -b;
#  4. the gpu.js fallback warning says why headless-gl gave no context, for the `gl` this
#     checkout has (not built on a fresh clone; built, after .ci/run's headless-gl step) and,
#     in a fresh npm project installed with `npm i --omit=optional` (as backend-gpujs's README
#     says), that `gl` is not installed.
# Runs from a fresh clone as root; needs Node 20+, npm and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
tmp="$(mktemp -d)"
trap 'status=$?; rm -rf "$tmp"; echo "== day-one-friction step: $((SECONDS - started)) s (exit $status)"' EXIT

if [ ! -d node_modules ]; then
  echo "== day-one-friction: install (pnpm, from the lockfile)"
  npx -y pnpm@12.4.2 install --frozen-lockfile
fi

echo "== day-one-friction: type tests (tsc -b: Module/Sequential, optim, backend-gpujs tests)"
npx tsc -b packages/layers packages/optim packages/backend-gpujs/tsconfig.test.json

gl_state="$(node -e "
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const gpu = require.resolve('gpu.js', { paths: ['packages/backend-gpujs'] });
const gl = dirname(createRequire(gpu).resolve('gl/package.json'));
console.log(require('node:fs').existsSync(join(gl, 'build/Release/webgl.node')) ? 'built' : 'not built');
")"
echo "== day-one-friction: tests, without a display (this checkout's gl is $gl_state)"
env -u DISPLAY npx vitest run \
  packages/optim/src/state-follows-parameters.test.ts \
  packages/optim/src/set-lr.test.ts \
  packages/optim/src/strict-index-access.test.ts \
  packages/layers/src/module-types.test.ts \
  packages/backend-gpujs/src/optimizer-before-to.test.ts \
  packages/backend-gpujs/src/headless-gl-reason.test.ts \
  packages/backend-gpujs/src/gpujs.test.ts

echo "== day-one-friction: npm i --omit=optional gpu.js in a new project, then the fallback warning"
version="$(node -p "require('./packages/backend-gpujs/package.json').devDependencies['gpu.js']")"
install_started=$SECONDS
echo '{ "name": "day-one-app", "private": true }' >"$tmp/package.json"
npm i --prefix "$tmp" --omit=optional --no-audit --no-fund --loglevel=error "gpu.js@$version" >/dev/null
echo "npm i --omit=optional gpu.js@$version: $((SECONDS - install_started)) s"
if [ -e "$tmp/node_modules/gl" ]; then
  echo "day-one-friction: npm i --omit=optional installed gl anyway" >&2
  exit 1
fi
# The backend from its sources, bundled as an app would get it; gpu.js stays external, so it is
# the one just installed, without gl.
node -e "
const { createRequire } = require('node:module');
const esbuild = createRequire(require.resolve('tsup'))('esbuild');
esbuild.buildSync({
  entryPoints: ['packages/backend-gpujs/src/index.ts'],
  bundle: true, platform: 'node', format: 'esm', external: ['gpu.js'],
  outfile: '$tmp/backend.mjs', logLevel: 'warning',
});
"
DISPLAY= node --input-type=module -e "
import { gpujs } from '$tmp/backend.mjs';
const warnings = [];
const backend = await gpujs({ mode: 'gpu', onWarning: (m) => warnings.push(m) });
console.log(warnings.join('\n'));
const want = 'headless-gl (the optional native package \`gl\`) is not installed (\`npm i --omit=optional\` leaves it out)';
if (backend.mode !== 'webasm' || warnings.length !== 1 || !warnings[0].includes(want)) {
  console.error('day-one-friction: expected one warning saying: ' + want);
  process.exit(1);
}
console.log('ok: falls back to webasm and says gl is not installed');
"
