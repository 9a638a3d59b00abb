#!/usr/bin/env bash
# Builds every project of Connectors.sln (warnings as errors; the Service Bus trigger switched off, see README),
# compiles and lints the Bicep, then runs every test once against a real Azurite.
# Extra arguments go on to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Storage"
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"
source "$ROOT/scripts/lib/bicep.sh"
source "$ROOT/scripts/lib/chromium.sh"

require dotnet node npm
without_service_bus_trigger
cd "$ROOT"

results="$(mktemp -d "${TMPDIR:-/tmp}/connectors-tests.XXXXXX")"
on_exit "rm -rf '$results'"

log "building Connectors.sln (Release)"
dotnet build Connectors.sln -c Release --nologo -v quiet -clp:"ErrorsOnly;Summary" || die "the build failed"

bicep_install
bicep_build_and_lint "$results/bicep"
# The template tests read the compiled ARM JSON from here.
export CONNECTORS_ARM_TEMPLATE="$results/bicep/main.json"

azurite_install
azurite_start
chromium_install
export Storage__ConnectionString="$AZURITE_CONNECTION_STRING"
export CONNECTORS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

# What a person may want to look at afterwards (the agent page's screenshot and DOM) stays here.
export CONNECTORS_TEST_ARTIFACTS="$ROOT/.artifacts/test-results"
mkdir -p "$CONNECTORS_TEST_ARTIFACTS"
logger=(--logger "console;verbosity=normal")
for arg in "$@"; do [[ "$arg" == --logger* ]] && logger=(); done

status=0
dotnet test Connectors.sln -c Release --no-build --results-directory "$results" \
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
else
  log "no test results"; status=1
fi
exit "$status"
