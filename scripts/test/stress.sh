#!/usr/bin/env bash
# `npm run test:stress`: the whole `npm test` while `stress-ng --cpu 2` keeps two cores busy, as
# on a shared or overloaded machine. Every wait in the suite must hold there: waits count from the
# last progress they saw and stretch with the load (scripts/lib/wait.ts).
#
# Installs Debian's stress-ng when it is missing (needs root or password-less sudo). Stops
# stress-ng however the tests end. Extra arguments go to stress-ng (e.g. --cpu 4).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress: installing Debian's stress-ng" >&2
  sudo_=""
  [[ $(id -u) -eq 0 ]] || sudo_="sudo -n"
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
fi

load=("$@")
[[ ${#load[@]} -gt 0 ]] || load=(--cpu 2)
stress-ng "${load[@]}" --quiet &
stressor=$!
stop() { kill -TERM "$stressor" 2>/dev/null || true; wait "$stressor" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM
echo "stress: stress-ng ${load[*]} running (pid $stressor); npm test under it" >&2

started=$(date +%s)
status=0
bash scripts/node22.sh node scripts/test/all.ts || status=$?
echo "stress: npm test under stress-ng ${load[*]} took $(($(date +%s) - started)) s (exit $status)" >&2
exit "$status"
