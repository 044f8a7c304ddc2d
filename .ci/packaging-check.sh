#!/usr/bin/env bash
# Packaging check: the packages as users install them. Packs every package (pnpm pack, as a
# release does), installs the tarballs with plain npm into an empty temporary project and checks:
#   - each tarball ships LICENSE and ES modules only (no .cjs), and @torchlet/tensor defines
#     its Tensor class once per build (its testing and cpu-wasm entries import it);
#   - every entry point loads with require() and import() as one module instance, with no
#     warning on stderr (require() refuses a graph with a top-level await);
#   - a CommonJS program that require()s tensor and import()s layers sees one Tensor class, one
#     generator, one default backend and one gradient engine, on Node, Bun and Deno;
#   - publint (any message fails) and attw (ESM-only: its cjs-resolves-to-esm rule is off).
# Builds first when a package has no dist/. Run from anywhere: bash .ci/packaging-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
started=$SECONDS
pnpm=(npx -y pnpm@12.4.2)
tools=(publint@0.3.25 @arethetypeswrong/cli@0.18.5) # installed once, then run per package
bun=(npx -y bun@1.4.4)
deno=(npx -y deno@2.9.6)

step_started=$SECONDS
step() {
  echo "== packaging: $1"
  step_started=$SECONDS
}
took() { echo "   ($((SECONDS - step_started)) s)"; }
fail() {
  echo "packaging check failed: $1" >&2
  exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step "build (only where dist/ is missing)"
[ -d node_modules ] || "${pnpm[@]}" install --frozen-lockfile
for dir in packages/*/; do
  if [ ! -f "$dir/dist/index.js" ]; then
    "${pnpm[@]}" build
    break
  fi
done
took

step "pack every package"
"${pnpm[@]}" --recursive --filter './packages/**' pack --pack-destination "$tmp/tarballs" >/dev/null
ls "$tmp/tarballs"
took

step "tarball contents: LICENSE, no CommonJS, one Tensor class per build"
for tgz in "$tmp/tarballs"/*.tgz; do
  listing="$(tar -tzf "$tgz")"
  grep -qx 'package/LICENSE' <<<"$listing" || fail "$(basename "$tgz") has no LICENSE"
  if grep -E '\.(cjs|d\.cts)$' <<<"$listing"; then fail "$(basename "$tgz") ships CommonJS"; fi
  mkdir -p "$tmp/unpacked/$(basename "$tgz" .tgz)"
  tar -xzf "$tgz" -C "$tmp/unpacked/$(basename "$tgz" .tgz)"
done
# The class statement, as esbuild emits it (`var Tensor = class _Tensor {`): in one shared
# chunk of each of tensor's two builds (dist/ for browsers, dist/node/), nowhere else.
definitions="$(cd "$tmp/unpacked" && grep -rlE 'class _?Tensor \{' --include='*.js' . | sort)"
echo "$definitions"
tensor_dist='\./torchlet-tensor-[0-9][^/]*/package/dist'
[ "$(grep -c . <<<"$definitions")" = 2 ] || fail "Tensor is defined in other than 2 files"
grep -qE "^$tensor_dist/chunk-[^/]+\.js$" <<<"$definitions" || fail "dist/ defines no Tensor chunk"
grep -qE "^$tensor_dist/node/chunk-[^/]+\.js$" <<<"$definitions" ||
  fail "dist/node/ defines no Tensor chunk"
took

step "install the tarballs with npm into an empty project"
mkdir -p "$tmp/app"
cp .ci/packaging/one-library.cjs .ci/packaging/every-entry.cjs "$tmp/app/"
cd "$tmp/app"
echo '{ "name": "packaging-check", "private": true }' >package.json
npm install --no-audit --no-fund --prefer-offline "$tmp"/tarballs/*.tgz
took

# A run whose stderr is not empty fails: require(esm) must not warn on the Node versions CI runs.
quiet() {
  "$@" 2>"$tmp/stderr" || {
    cat "$tmp/stderr" >&2
    fail "$*"
  }
  if [ -s "$tmp/stderr" ]; then
    cat "$tmp/stderr" >&2
    fail "$* wrote to stderr"
  fi
}

step "node $(node --version): every entry, and one library through require() and import()"
quiet node every-entry.cjs
quiet node one-library.cjs
took

step "bun and deno: one library through require() and import()"
echo "bun $("${bun[@]}" --version)"
"${bun[@]}" one-library.cjs
"${deno[@]}" --version | sed -n 1p
"${deno[@]}" run --allow-read --allow-env --allow-sys one-library.cjs
took

step "publint (each unpacked tarball) and attw (each tarball)"
npm install --silent --no-audit --no-fund --prefix "$tmp/tools" "${tools[@]}"
publint=("$tmp/tools/node_modules/.bin/publint")
attw=("$tmp/tools/node_modules/.bin/attw")
for dir in "$tmp"/unpacked/*/package; do
  out="$(cd "$dir" && "${publint[@]}" --pack false --strict .)" || {
    echo "$out"
    fail "publint: $dir"
  }
  grep -q 'All good!' <<<"$out" || {
    echo "$out"
    fail "publint reports something in $(basename "$(dirname "$dir")")"
  }
  echo "publint $(basename "$(dirname "$dir")"): all good"
done
for tgz in "$tmp/tarballs"/*.tgz; do
  "${attw[@]}" --ignore-rules cjs-resolves-to-esm --format ascii "$tgz" >"$tmp/attw.txt" || {
    cat "$tmp/attw.txt"
    fail "attw: $(basename "$tgz")"
  }
  echo "attw $(basename "$tgz"): no problems"
done
took

cd "$root"
echo "== packaging check: ok in $((SECONDS - started)) s"
