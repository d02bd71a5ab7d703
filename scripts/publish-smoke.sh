#!/usr/bin/env bash
# Publish smoke test: snapshot-version the packages in a throwaway copy of the repository, `changeset publish`
# them to a local verdaccio on 127.0.0.1, then install them into fresh consumer projects and use them there.
# Third-party packages (zod, stripe, ...) come from the normal npm registry; only the @achbridge scope is
# routed to verdaccio (`@achbridge:registry=` in a throwaway npm userconfig). The working tree is not touched.
# Usage: bash scripts/publish-smoke.sh        (also `npm run smoke:publish`)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/achbridge-smoke.XXXXXX")
verdaccio_pid=''
started=$(date +%s)

cleanup() {
  if [ -n "$verdaccio_pid" ]; then
    kill "$verdaccio_pid" 2>/dev/null || true
    wait "$verdaccio_pid" 2>/dev/null || true
    if [ -n "${CI_PID_DIR:-}" ]; then rm -f "$CI_PID_DIR/verdaccio.pid"; fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n--- smoke: %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }
changeset() { node "$repo/node_modules/@changesets/cli/bin.js" "$@"; }
packages=(core stripe dwolla modern-treasury emulator)

# A copy of the repository (manifests, sources, built dist/, changesets) that changesets may rewrite.
copy_repo() {
  local into=$1
  mkdir -p "$into"
  (cd "$repo" && tar --exclude=./.git --exclude=node_modules --exclude=.turbo --exclude=./artifacts \
    --exclude=coverage -cf - .) | (cd "$into" && tar -xf -)
  # changesets resolves its changelog generator from here; the packages themselves come from the copy.
  ln -s "$repo/node_modules" "$into/node_modules"
}

step "build"
(cd "$repo" && npx turbo run build --filter='./packages/*' --output-logs=errors-only)

step "release plan (minor @achbridge/core in a throwaway copy)"
plan_copy="$work/plan-repo"
copy_repo "$plan_copy"
versions_before=$(cd "$plan_copy" && node -e '
  const out = {};
  for (const dir of ["core", "stripe", "dwolla", "modern-treasury", "emulator"]) {
    const pkg = require(`./packages/${dir}/package.json`);
    out[pkg.name] = pkg.version;
  }
  console.log(JSON.stringify(out));')
# Only this changeset: the pending ones of the working tree would add their own bumps to the plan.
find "$plan_copy/.changeset" -name '*.md' -delete
printf -- '---\n"@achbridge/core": minor\n---\n\nSmoke: a minor core release.\n' >"$plan_copy/.changeset/smoke-core-minor.md"
(cd "$plan_copy" && changeset version >/dev/null)
node "$repo/scripts/smoke/check-release-plan.mjs" "$plan_copy" "$versions_before"

step "snapshot version (throwaway copy)"
copy="$work/repo"
copy_repo "$copy"
{
  printf -- '---\n'
  for dir in "${packages[@]}"; do printf '"@achbridge/%s": patch\n' "$dir"; done
  printf -- '---\n\nPublish smoke test snapshot.\n'
} >"$copy/.changeset/publish-smoke.md"
(cd "$copy" && changeset version --snapshot smoke)
version=$(node -p "require('$copy/packages/core/package.json').version")
for dir in "${packages[@]}"; do
  got=$(node -p "require('$copy/packages/$dir/package.json').version")
  if [ "$got" != "$version" ]; then
    echo "smoke: @achbridge/$dir was versioned $got, expected $version" >&2
    exit 1
  fi
done
for dir in stripe dwolla modern-treasury; do
  range=$(node -p "require('$copy/packages/$dir/package.json').dependencies['@achbridge/core']")
  if [ "$range" != "$version" ]; then
    echo "smoke: @achbridge/$dir depends on @achbridge/core $range, expected $version" >&2
    exit 1
  fi
done
echo "snapshot version: $version"
if ! git -C "$repo" diff --quiet -- packages/*/package.json packages/*/CHANGELOG.md 2>/dev/null; then
  echo "note: the working tree has uncommitted package.json/CHANGELOG edits (not made by this script)"
fi

step "packed sizes"
for dir in "${packages[@]}"; do
  (cd "$copy/packages/$dir" && npm pack --dry-run --json --ignore-scripts 2>/dev/null) | node -e '
    const [info] = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(`packed ${info.name}: ${kib(info.size)} tarball, ${kib(info.unpackedSize)} unpacked, ${info.entryCount} files`);'
done

step "start verdaccio"
port=$(node "$repo/scripts/lib/free-port.mjs")
registry="http://127.0.0.1:$port/"
mkdir -p "$work/verdaccio/storage"
cat >"$work/verdaccio/config.yaml" <<YAML
storage: $work/verdaccio/storage
auth:
  htpasswd:
    file: $work/verdaccio/htpasswd
    max_users: -1
# No uplinks: only @achbridge/* is served from here; everything else comes from the default npm registry.
uplinks: {}
packages:
  '@achbridge/*':
    access: \$all
    publish: \$all
    unpublish: \$all
  '**':
    access: \$all
    publish: \$authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
YAML
node "$repo/node_modules/verdaccio/bin/verdaccio" -c "$work/verdaccio/config.yaml" -l "127.0.0.1:$port" \
  >"$work/verdaccio.log" 2>&1 &
verdaccio_pid=$!
if [ -n "${CI_PID_DIR:-}" ]; then echo "$verdaccio_pid" >"$CI_PID_DIR/verdaccio.pid"; fi
if ! node "$repo/scripts/lib/wait-for-http.mjs" "${registry}-/ping" 150 100; then
  cat "$work/verdaccio.log" >&2
  exit 1
fi
echo "verdaccio listening on $registry (pid $verdaccio_pid)"

# Every npm call below reads this userconfig only: the scope goes to verdaccio with a dummy token (verdaccio
# allows anonymous publishes to @achbridge/*; npm refuses to publish without some token).
cat >"$work/npmrc" <<NPMRC
@achbridge:registry=$registry
//127.0.0.1:$port/:_authToken=smoke-dummy-token
audit=false
fund=false
update-notifier=false
NPMRC
export NPM_CONFIG_USERCONFIG="$work/npmrc"
# changesets reads the scoped registry from this variable (it would otherwise pin registry.npmjs.org).
scope_registry_env="npm_config_@achbridge:registry=$registry"

step "changeset publish to verdaccio"
(cd "$copy" && env "$scope_registry_env" node "$repo/node_modules/@changesets/cli/bin.js" publish --no-git-tag)
for dir in "${packages[@]}"; do
  published=$(npm view "@achbridge/$dir@$version" version --registry "$registry")
  if [ "$published" != "$version" ]; then
    echo "smoke: verdaccio does not serve @achbridge/$dir@$version" >&2
    exit 1
  fi
done
echo "verdaccio serves ${packages[*]} at $version"

# Creates an empty ESM consumer project and installs the given specs into it.
new_consumer() {
  local dir="$work/$1"
  shift
  mkdir -p "$dir"
  printf '{ "name": "smoke-%s", "version": "1.0.0", "private": true, "type": "module" }\n' "$(basename "$dir")" \
    >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@")
}

# Fails unless the installed @achbridge packages are the snapshot just published (i.e. came from verdaccio).
assert_snapshot() {
  local dir="$work/$1" name
  shift
  for name in "$@"; do
    got=$(node -p "require('$dir/node_modules/$name/package.json').version")
    if [ "$got" != "$version" ]; then
      echo "smoke: $1 installed $name@$got, expected the snapshot $version" >&2
      exit 1
    fi
  done
}

step "npm i @achbridge/stripe (fresh project)"
new_consumer only-stripe @achbridge/stripe
assert_snapshot only-stripe @achbridge/stripe @achbridge/core
node "$repo/scripts/smoke/assert-tree.mjs" "$work/only-stripe" @achbridge/stripe \
  --has @achbridge/stripe,@achbridge/core,zod,stripe --lacks @achbridge/dwolla,@achbridge/emulator,dwolla-v2,plaid
cp "$repo/scripts/smoke/check-exports.mjs" "$work/only-stripe/"
(cd "$work/only-stripe" && node check-exports.mjs @achbridge/stripe @achbridge/core)

step "npm i @achbridge/dwolla (fresh project)"
new_consumer only-dwolla @achbridge/dwolla
assert_snapshot only-dwolla @achbridge/dwolla @achbridge/core
node "$repo/scripts/smoke/assert-tree.mjs" "$work/only-dwolla" @achbridge/dwolla \
  --has @achbridge/dwolla,@achbridge/core,zod --lacks @achbridge/stripe,@achbridge/emulator,stripe,dwolla-v2,plaid
cp "$repo/scripts/smoke/check-exports.mjs" "$work/only-dwolla/"
(cd "$work/only-dwolla" && node check-exports.mjs @achbridge/dwolla @achbridge/core)

step "npm i @achbridge/modern-treasury (fresh project)"
new_consumer only-modern-treasury @achbridge/modern-treasury
assert_snapshot only-modern-treasury @achbridge/modern-treasury @achbridge/core
node "$repo/scripts/smoke/assert-tree.mjs" "$work/only-modern-treasury" @achbridge/modern-treasury \
  --has @achbridge/modern-treasury,@achbridge/core,zod --lacks @achbridge/stripe,@achbridge/dwolla,@achbridge/emulator,stripe,modern-treasury,plaid
cp "$repo/scripts/smoke/check-exports.mjs" "$work/only-modern-treasury/"
(cd "$work/only-modern-treasury" && node check-exports.mjs @achbridge/modern-treasury @achbridge/core)

step "npm i @achbridge/emulator (fresh project) and run its bin"
new_consumer only-emulator @achbridge/emulator
assert_snapshot only-emulator @achbridge/emulator
node "$repo/scripts/smoke/assert-tree.mjs" "$work/only-emulator" @achbridge/emulator \
  --has @achbridge/emulator --lacks @achbridge/stripe,@achbridge/dwolla,stripe
cp "$repo/scripts/smoke/run-emulator-bin.mjs" "$work/only-emulator/"
(cd "$work/only-emulator" && node run-emulator-bin.mjs)

step "full flow against the installed emulator (fresh project)"
types_node=$(node -p "require('$repo/node_modules/@types/node/package.json').version")
new_consumer flow @achbridge/emulator @achbridge/stripe @achbridge/dwolla @achbridge/modern-treasury "@types/node@$types_node"
assert_snapshot flow @achbridge/emulator @achbridge/stripe @achbridge/dwolla @achbridge/modern-treasury @achbridge/core
node "$repo/scripts/smoke/assert-tree.mjs" "$work/flow" "emulator + the three adapters" \
  --has @achbridge/emulator,@achbridge/stripe,@achbridge/dwolla,@achbridge/modern-treasury,@achbridge/core,zod
cp "$repo"/scripts/smoke/check-exports.mjs "$repo"/scripts/smoke/flow-*.mjs "$work/flow/"
(cd "$work/flow" && node check-exports.mjs @achbridge/core @achbridge/stripe @achbridge/dwolla @achbridge/modern-treasury @achbridge/emulator)
bash "$repo/scripts/check-consumers.sh" "$work/flow"
(cd "$work/flow" && node flow-stripe.mjs)
(cd "$work/flow" && node flow-dwolla.mjs)

step "passed"
