#!/usr/bin/env bash
# Browser bundle budgets (issue 14, part 4): builds the packages, bundles each published entry
# point and a few apps for browsers from dist/ (esbuild, minified, gzip level 9), prints
# entry | size | budget | headroom, and fails when any app exceeds its budget in
# benchmarks/size-budgets.json. Runs from a fresh clone as root; needs Node 20+ and npm.
#
#   .ci/size-check.sh             # install, build, check
#   .ci/size-check.sh --no-build  # check only, when the same CI run has just built dist/
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
trap 'echo "== size-check step: $((SECONDS - started)) s (exit $?)"' EXIT

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "size-check: unknown option $arg (known: --no-build)" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "== size-check: install and build (tsup)"
  npx -y pnpm@12.4.2 install --frozen-lockfile
  npx -y pnpm@12.4.2 build
fi

echo "== size-check: browser bundles from dist/ against benchmarks/size-budgets.json"
node benchmarks/src/bundle-size.mjs --check
