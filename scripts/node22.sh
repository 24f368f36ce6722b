#!/usr/bin/env bash
# Runs a command under Node >= 22.13 with the project's dependencies installed.
# On a machine whose Node is older (Hardhat 3 refuses it), Node 22 comes from the npm registry.
# Usage: bash scripts/node22.sh <command> [args...]
set -euo pipefail

NODE_VERSION=22.23.3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)'
}

if ! node_is_recent; then
  # Cache the binary's folder under .spin/ so later runs skip the lookup.
  cache=".spin/node-bin-path"
  if [[ -f "$cache" && -x "$(cat "$cache")/node" ]]; then
    bin="$(cat "$cache")"
  else
    echo "spin: Node $(node --version 2>/dev/null || echo none) is too old; using Node $NODE_VERSION from npm" >&2
    bin="$(npx -y -p "node@$NODE_VERSION" -- node -p 'require("path").dirname(process.execPath)')"
    mkdir -p .spin && echo "$bin" >"$cache"
  fi
  export PATH="$bin:$PATH"
fi

# Install (or refresh) dependencies when the lockfile changed since the last install.
stamp="node_modules/.spin-installed"
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || ! -d node_modules/hardhat ]] || ! node -e "require('@nomicfoundation/edr')" 2>/dev/null; then
  # `npm install` rather than `npm ci`: the lockfile pins every version, but the registry mirror
  # lacks some other platforms' optional EDR binaries, which `npm ci` refuses to skip.
  echo "spin: installing dependencies" >&2
  npm install --no-audit --no-fund
  touch "$stamp"
fi

export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
