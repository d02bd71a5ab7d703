#!/usr/bin/env bash
# Consumer fixtures (test/consumers): type-check a TypeScript consumer against the packages' built types with
# `moduleResolution` node16 and bundler, and run a CommonJS consumer that require()s the ESM packages
# (Node >= 20.19). Without an argument the fixtures resolve the workspace packages through the root
# node_modules links (run `npm run build` first); with a project directory they are copied there and resolve
# the packages installed in it (the publish smoke test does this with the tarballs from its registry).
# Usage: bash scripts/check-consumers.sh [projectDir]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-}

if [ -z "$target" ]; then
  base="$repo/test/consumers"
else
  base="$target/consumers"
  rm -rf "$base"
  cp -R "$repo/test/consumers" "$base"
fi

for kind in node16 bundler; do
  "$repo/node_modules/.bin/tsc" -p "$base/$kind/tsconfig.json"
  echo "consumer $kind: type-checks against the built declarations"
done
(cd "$base/cjs" && node index.cjs)
echo "consumer cjs: require() of the ESM packages works on Node $(node --version)"
