#!/usr/bin/env bash
# Runs the unit and end-to-end tests of the packages and the sample app (vitest projects core, stripe, dwolla,
# emulator, sample; the reliability, docs and bench projects run on Node 20 in `npm test`) and the CommonJS consumer fixture under
# Node 22 and Node 24, next to the machine's Node 20 that `npm test` already uses. The Node binaries come
# from the npm registry's `node` package through `npx -y node@<major>`; vitest's workers inherit that binary
# (process.execPath).
# Usage: bash scripts/node-matrix.sh            (NODE_MATRIX_VERSIONS="22 24" by default)
set -euo pipefail
cd "$(dirname "$0")/.."

versions=${NODE_MATRIX_VERSIONS:-"22 24"}
mkdir -p artifacts

# The tests import the packages through their built `exports`, so dist/ must exist (turbo skips cached builds).
npx turbo run build --output-logs=errors-only

status=0
summaries=()
for major in $versions; do
  printf '\n--- vitest under Node %s (%s)\n' "$major" "$(npx -y "node@$major" --version)"
  report="artifacts/vitest-node$major.json"
  rm -f "$report"
  if ! npx -y "node@$major" node_modules/vitest/vitest.mjs run --reporter=dot --reporter=json \
    --project core --project stripe --project @achbridge/dwolla --project @achbridge/emulator --project sample \
    --outputFile.json="$report"; then
    status=1
  fi
  if [ -f "$report" ]; then
    line=$(node scripts/test-summary.mjs "$report") || status=1
  else
    line='no report written'
    status=1
  fi
  # require(esm) differs between Node lines: the CommonJS consumer fixture runs on each of them too.
  if (cd test/consumers/cjs && npx -y "node@$major" index.cjs); then
    line="$line; CommonJS consumer ok"
  else
    line="$line; CommonJS consumer FAILED"
    status=1
  fi
  summaries+=("Node $major -> $line")
done

printf '\n'
for summary in "${summaries[@]}"; do printf '%s\n' "$summary"; done
exit "$status"
