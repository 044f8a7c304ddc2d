#!/usr/bin/env bash
# The release path against a real npm registry (issue 14, part 2), from the repo root of a clone:
#
#   1. copy the repository (tracked and untracked, not ignored files) to a temporary folder, so
#      `changeset version` never dirties the checkout, and install it from the lockfile;
#   2. start Verdaccio 6.8.0 (the last release that runs on Node 20) on 127.0.0.1 with
#      .ci/verdaccio/config.yaml and a temporary storage folder;
#   3. in the copy: `pnpm version-packages` (changeset version, with the pending changesets), then
#      `pnpm release` (build, changeset publish) against that registry; with --prebuilt, the
#      packages' dist/ folders come from the checkout (built by `pnpm build` just before) and only
#      `changeset publish` runs, which saves the build's ~1.5 min;
#   4. in a new project (.ci/release-consumer/), `npm install` the seven packages of the tutorial
#      from that registry, and run the tutorial's training loop as ESM (node loop.mjs), CommonJS
#      (node loop.cjs), and TypeScript compiled by tsc under `module: node16` and under
#      `moduleResolution: bundler`; the four outputs, and the same loop run on the workspace
#      sources, must be identical, line for line.
#
# Needs: git, node >= 20.19 (require() of ES modules), npm, and the npm registry (npx fetches
# pnpm and verdaccio; typescript and @types/node come from it too). Verdaccio stops and every
# temporary file goes on exit. Prints its timing; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
prebuilt=false
for arg in "$@"; do
  case "$arg" in
    --prebuilt) prebuilt=true ;;
    *)
      echo "usage: .ci/release-check.sh [--prebuilt]" >&2
      exit 2
      ;;
  esac
done
started=$SECONDS
export CI=true

# The seven packages the tutorial's loop imports (the README's "What it looks like").
packages=(@torchlet/tensor @torchlet/autograd @torchlet/activations @torchlet/layers
  @torchlet/losses @torchlet/optim @torchlet/schedulers)
verdaccio_version=6.8.0
pnpm_version="$(node -p "require('./package.json').packageManager.replace(/^pnpm@/, '')")"

tmp="$(mktemp -d -t torchlet-release.XXXXXX)"
verdaccio_pid=''
cleanup() {
  local status=$?
  if [ -n "$verdaccio_pid" ] && kill -0 "$verdaccio_pid" 2>/dev/null; then
    kill "$verdaccio_pid" 2>/dev/null || true
    wait "$verdaccio_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  echo "== release check: verdaccio stopped, temporary files removed; $((SECONDS - started)) s in all"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a quiet step; prints its log only when it fails.
quiet() {
  local log="$tmp/step.log"
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $*" >&2
    tail -n 60 "$log" >&2
    return 1
  fi
}

echo "== release check: node $(node --version), npm $(npm --version), pnpm $pnpm_version, verdaccio $verdaccio_version"
node -e "
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error('node ' + process.version + ': the CommonJS case needs require() of ES modules (node >= 20.19)');
  process.exit(1);
}"

# The binaries themselves (not npx wrappers), so the registry's process id is the server's, and
# `changeset publish` finds pnpm on PATH (it publishes with pnpm in a pnpm workspace).
bin_of() { npx -y -p "$1" -c "command -v $2"; }
mkdir -p "$tmp/bin"
ln -s "$(bin_of "pnpm@$pnpm_version" pnpm)" "$tmp/bin/pnpm"
verdaccio_bin="$(bin_of "verdaccio@$verdaccio_version" verdaccio)"
export PATH="$tmp/bin:$PATH"

echo "== start verdaccio on 127.0.0.1 (storage in $tmp/storage)"
port="$(node -e "
const server = require('node:net').createServer();
server.listen(0, '127.0.0.1', () => { console.log(server.address().port); server.close(); });")"
registry="http://127.0.0.1:$port/"
mkdir -p "$tmp/storage"
# It starts while the copy installs and builds; the wait below finds it ready.
VERDACCIO_STORAGE_PATH="$tmp/storage" node "$verdaccio_bin" \
  --config "$repo/.ci/verdaccio/config.yaml" --listen "127.0.0.1:$port" >"$tmp/verdaccio.log" 2>&1 &
verdaccio_pid=$!

echo "== copy the repository to $tmp/repo, install from the lockfile"
step_started=$SECONDS
mkdir -p "$tmp/repo"
# Files git would commit (tracked or untracked, not ignored) that exist: no node_modules, no dist.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  tar --null -cf - -T - | tar -xf - -C "$tmp/repo"
if $prebuilt; then
  for dir in packages/*/; do
    if [ -f "$dir/package.json" ] && [ "$(node -p "!!require('./${dir}package.json').private")" = false ]; then
      [ -d "${dir}dist" ] || { echo "--prebuilt: ${dir}dist is missing (run pnpm build first)" >&2; exit 1; }
      cp -R "${dir}dist" "$tmp/repo/${dir}dist"
    fi
  done
fi
cd "$tmp/repo"
# Every npm and pnpm command in the copy talks to the local registry only. The token is a
# placeholder: npm and pnpm refuse to publish without one, and the config lets anyone publish.
cat >.npmrc <<EOF
registry=$registry
@torchlet:registry=$registry
//127.0.0.1:$port/:_authToken=anonymous-publish-on-localhost
EOF
export npm_config_registry="$registry"
quiet pnpm install --frozen-lockfile --prefer-offline
echo "== copy and install: $((SECONDS - step_started)) s"

echo "== changeset version (pending changesets: $(find .changeset -name '*.md' ! -name README.md | wc -l))"
step_started=$SECONDS
# name version, one public package a line.
versions() {
  node -e "
const { readdirSync, readFileSync, existsSync } = require('node:fs');
for (const dir of readdirSync('packages')) {
  const file = 'packages/' + dir + '/package.json';
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (!pkg.private) console.log(pkg.name + ' ' + pkg.version);
}"
}
versions >"$tmp/versions-before.txt"
quiet pnpm run version-packages
versions | paste -d ' ' "$tmp/versions-before.txt" - | awk '{ printf "  %-26s %s -> %s\n", $1, $2, $4 }'
if find .changeset -name '*.md' ! -name README.md | grep -q .; then
  echo "changeset version left changesets behind" >&2
  exit 1
fi

echo "== $($prebuilt && echo "changeset publish (dist/ from the checkout)" || echo "pnpm release (build, changeset publish)") to $registry"
# A last guard before publishing: both clients must resolve the local registry here.
for client in npm pnpm; do
  for key in registry @torchlet:registry; do
    got="$($client config get "$key")"
    if [ "${got%/}/" != "$registry" ]; then
      echo "$client config get $key is $got, not $registry: refusing to publish" >&2
      exit 1
    fi
  done
done
# Verdaccio has been starting since the copy began; wait (up to a minute) until it answers.
for attempt in $(seq 1 120); do
  if node -e "fetch('${registry}-/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    break
  fi
  if ! kill -0 "$verdaccio_pid" 2>/dev/null || [ "$attempt" = 120 ]; then
    cat "$tmp/verdaccio.log" >&2
    echo "verdaccio does not answer on $registry" >&2
    exit 1
  fi
  sleep 0.5
done
# --no-git-tag: the copy is no git repository (the real release tags in the checkout).
if $prebuilt; then
  quiet pnpm exec changeset publish --no-git-tag
else
  quiet pnpm run release --no-git-tag
fi
sed -n '/published successfully/,$p' "$tmp/step.log"
echo "== version and publish: $((SECONDS - step_started)) s"

echo "== the registry round trip: what $registry serves"
node "$repo/.ci/verdaccio/registry-report.mjs" "$registry"

echo "== a new project: npm install ${packages[*]}"
step_started=$SECONDS
consumer="$tmp/consumer"
mkdir -p "$consumer"
cp "$repo"/.ci/release-consumer/{package.json,loop.mjs,loop.cjs,loop.ts,tsconfig.node16.json,tsconfig.bundler.json} "$consumer/"
cd "$consumer"
unset npm_config_registry
# Only @torchlet comes from the local registry (typescript and @types/node from the usual one);
# the lockfile keeps `resolved`, which the check below reads.
cat >.npmrc <<EOF
@torchlet:registry=$registry
omit-lockfile-registry-resolved=false
engine-strict=true
audit=false
fund=false
EOF
quiet npm install "${packages[@]}"
npm ls --all
node - "$registry" "${packages[@]}" <<'EOF'
// Each @torchlet package in node_modules is a tarball from the local registry: no link into the
// workspace, nothing from elsewhere.
const { readFileSync } = require('node:fs');
const [registry, ...wanted] = process.argv.slice(2);
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
let failed = false;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.includes('@torchlet/')) continue;
  if (entry.link || !entry.resolved?.startsWith(registry)) {
    console.error(`${path}: ${entry.link ? 'a link' : `resolved from ${entry.resolved}`}, not a tarball from ${registry}`);
    failed = true;
  }
}
for (const name of wanted) {
  if (!lock.packages[`node_modules/${name}`]) {
    console.error(`${name} is not installed`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(`all @torchlet packages in package-lock.json resolve to tarballs from ${registry}`);
EOF
echo "== install: $((SECONDS - step_started)) s"

echo "== the tutorial's training loop: ESM, CommonJS, TypeScript (node16, bundler), workspace"
step_started=$SECONDS
node loop.mjs >esm.txt
node loop.cjs >cjs.txt
node_modules/.bin/tsc -p tsconfig.node16.json
node out-node16/loop.js >ts-node16.txt
node_modules/.bin/tsc -p tsconfig.bundler.json
node out-bundler/loop.js >ts-bundler.txt
# The same loop on the workspace's sources, as the repository's tests run them: tsconfig paths map
# @torchlet/* to packages/*/src (the copy has no node_modules/@torchlet to fall back on).
(cd "$tmp/repo" && node_modules/.bin/tsx --tsconfig tsconfig.base.json .ci/release-consumer/loop.ts) >workspace.txt
cat esm.txt
if [ "$(wc -l <esm.txt)" -lt 21 ]; then
  echo "loop.mjs printed $(wc -l <esm.txt) lines, expected 21" >&2
  exit 1
fi
for run in cjs ts-node16 ts-bundler workspace; do
  if ! diff -u esm.txt "$run.txt"; then
    echo "the $run run printed other numbers than the ESM run" >&2
    exit 1
  fi
done
echo "identical, bit for bit: node loop.mjs, node loop.cjs, tsc node16, tsc bundler, workspace sources"
# One library however it is loaded: a tensor from require() goes through a layer from import().
node -e "
const { randn, Tensor } = require('@torchlet/tensor');
import('@torchlet/layers').then(({ Linear }) => {
  const y = new Linear(2, 3).forward(randn([1, 2]));
  if (!(y instanceof Tensor)) throw new Error('require() and import() loaded two copies of Tensor');
  console.log('require(@torchlet/tensor) and import(@torchlet/layers) share one Tensor class');
});"
echo "== loops: $((SECONDS - step_started)) s"
echo "== release check passed: $((SECONDS - started)) s before clean-up"
