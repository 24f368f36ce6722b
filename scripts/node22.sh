#!/usr/bin/env bash
# Runs a command under Node >= 22.13 with the project's dependencies installed.
# On a machine whose Node is older (Hardhat 3 refuses it), Node 22 comes from the npm registry.
# Usage: bash scripts/node22.sh <command> [args...]
#
# The command replaces this shell (exec), so signals sent to it (Ctrl-C, SIGTERM from a service
# manager or from npm) reach the command itself. Exports SPIN_INSTALL_MS: how long installing the
# npm packages took in this run (0 when they were already installed), for `npm start` to report.
set -euo pipefail

NODE_VERSION=22.23.3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Progress lines are for people: none when the command was asked for JSON.
quiet=0
[[ "${SPIN_LOG_FORMAT:-}" == json ]] && quiet=1
for arg in "$@"; do [[ "$arg" == --json ]] && quiet=1; done
say() { [[ $quiet == 1 ]] || echo "spin: $*" >&2; }
now_ms() { date +%s%3N; }

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
    say "node      this machine has Node $(node --version 2>/dev/null || echo none); fetching Node $NODE_VERSION from npm (once)"
    bin="$(npx -y -p "node@$NODE_VERSION" -- node -p 'require("path").dirname(process.execPath)')"
    mkdir -p .spin && echo "$bin" >"$cache"
  fi
  export PATH="$bin:$PATH"
fi

# Install (or refresh) dependencies when the lockfile changed since the last install.
stamp="node_modules/.spin-installed"
SPIN_INSTALL_MS=0
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || ! -d node_modules/hardhat ]] || ! node -e "require('@nomicfoundation/edr')" 2>/dev/null; then
  say "install   installing npm packages (first run, or the lockfile changed: about a minute)…"
  started=$(now_ms)
  # `npm install` rather than `npm ci`: the lockfile pins every version, but the registry mirror
  # lacks some other platforms' optional EDR binaries, which `npm ci` refuses to skip. Its summary
  # goes away (stdout stays for the command's own output); its warnings and errors stay.
  # It runs in the background so that a signal stops it rather than waiting for it.
  npm install --no-audit --no-fund >/dev/null &
  installer=$!
  trap 'kill -TERM "$installer" 2>/dev/null; wait "$installer"; exit 130' INT TERM
  wait "$installer"
  trap - INT TERM
  SPIN_INSTALL_MS=$(($(now_ms) - started))
  touch "$stamp"
fi
export SPIN_INSTALL_MS

export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
