#!/usr/bin/env bash
# Builds every project of Connectors.sln (warnings as errors; the Service Bus trigger switched off, see README),
# compiles and lints the Bicep, then runs every test once against a real Azurite.
# Extra arguments go on to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Storage"
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"
source "$ROOT/scripts/lib/bicep.sh"
source "$ROOT/scripts/lib/chromium.sh"
source "$ROOT/scripts/lib/axe.sh"

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
axe_install
export Storage__ConnectionString="$AZURITE_CONNECTION_STRING"
export CONNECTORS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

# What a person may want to look at afterwards (the agent page's screenshot and DOM) stays here.
export CONNECTORS_TEST_ARTIFACTS="$ROOT/.artifacts/test-results"
mkdir -p "$CONNECTORS_TEST_ARTIFACTS"
logger=(--logger "console;verbosity=normal")
for arg in "$@"; do [[ "$arg" == --logger* ]] && logger=(); done

# Everything the tests print (host logs included, with the fail: blocks of tests that provoke failures on
# purpose) goes to one file per run; the console gets the failures and the counts.
test_logs="$ROOT/artifacts/test-logs"
mkdir -p "$test_logs"
log_file="$test_logs/test-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"
log "testing; full output in ${log_file#"$ROOT"/}"

status=0
dotnet test Connectors.sln -c Release --no-build --results-directory "$results" \
  --logger "trx;LogFileName=connectors.trx" "${logger[@]}" "$@" >"$log_file" 2>&1 || status=$?

# One plain closing line that any CI reads: "N passed, N failed".
trx="$(find "$results" -name '*.trx' -print -quit)"
if [[ -z "$trx" && "$status" != 0 ]]; then
  # No results: the test host failed before any test ran. Its errors, not the whole log.
  errors="$(grep -E ': (error|warning) [A-Z]+[0-9]+|error MSB|Build FAILED|Testhost process|aborted' "$log_file" | sort -u | head -n 40 || true)"
  if [[ -n "$errors" ]]; then echo "$errors" >&2; else tail -n 40 "$log_file" >&2; fi
fi
if [[ -n "$trx" ]]; then
  node "$ROOT/scripts/lib/test-summary.mjs" "$trx"
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
