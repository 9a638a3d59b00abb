#!/usr/bin/env bash
# Builds and tests everything that builds here (Connectors.Local.slnf), against a real Azurite.
# Extra arguments go on to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Storage"
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"
source "$ROOT/scripts/lib/chromium.sh"

require dotnet node npm
azurite_install
azurite_start
chromium_install
export Storage__ConnectionString="$AZURITE_CONNECTION_STRING"
export CONNECTORS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

results="$(mktemp -d "${TMPDIR:-/tmp}/connectors-tests.XXXXXX")"
# What a person may want to look at afterwards (the agent page's screenshot and DOM) stays here.
export CONNECTORS_TEST_ARTIFACTS="$ROOT/.artifacts/test-results"
mkdir -p "$CONNECTORS_TEST_ARTIFACTS"
on_exit "rm -rf '$results'"
logger=(--logger "console;verbosity=normal")
for arg in "$@"; do [[ "$arg" == --logger* ]] && logger=(); done

cd "$ROOT"
status=0
dotnet test Connectors.Local.slnf -c Release --results-directory "$results" \
  --logger "trx;LogFileName=connectors.trx" "${logger[@]}" "$@" || status=$?

# One plain closing line that any CI reads: "N passed, N failed".
if trx="$(find "$results" -name '*.trx' -print -quit)" && [[ -n "$trx" ]]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  echo "tests: ${passed:-0} passed, ${failed:-0} failed"
  if [[ "${passed:-0}" == 0 && "$status" == 0 ]]; then
    log "no test ran"; status=1
  fi
fi
exit "$status"
