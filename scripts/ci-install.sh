#!/usr/bin/env bash
# CI install: `npm ci`, except when its only complaint is optional platform binaries missing from the lock
# file (e.g. @biomejs/cli-darwin-arm64, @turbo/windows-64). A registry that does not serve those packages
# leaves them out of package-lock.json, and npm ci then calls the lock "out of sync"; in that one case fall
# back to `npm install`, which keeps every version the lock file pins. Any other drift still fails.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if npm ci --no-audit --no-fund 2>&1 | tee "$log"; then
  exit 0
fi

missing=$(grep -E '^npm error Missing: ' "$log" | sed -E 's/^npm error Missing: ([^ ]+) from lock file.*/\1/' || true)
if [ -z "$missing" ]; then
  echo "ci-install: npm ci failed for another reason than missing lock entries" >&2
  exit 1
fi
platform='(android|darwin|freebsd|openbsd|sunos|aix|win32|windows|musl)'
unexpected=$(printf '%s\n' "$missing" | grep -Ev -- "-$platform|$platform-" || true)
if [ -n "$unexpected" ]; then
  printf 'ci-install: package-lock.json is out of sync with package.json:\n%s\n' "$unexpected" >&2
  exit 1
fi
echo "ci-install: only optional platform binaries are missing from the lock file; using npm install"
npm install --no-audit --no-fund
