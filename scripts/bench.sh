#!/usr/bin/env bash
# Measures and prints the figures behind the speed targets (never asserted in unit tests: the machine is
# noisy, so compare the ratios printed from one run). One table at the end; the same numbers as JSON in
# .artifacts/bench/. Usage: scripts/bench.sh [--quick] [calls]   (--quick: every phase at small sizes, to check the bench)
# Flags: --faulted-calls N sizes the faulted wrap-up run (default 2000); --faulted-only runs that run alone.
# CONNECTORS_LIFECYCLE_COUNT=N runs the lifecycle property test's long mode at the end, N lifecycles (unset: skipped, so the
# bench stays near 15 minutes). CONNECTORS_BENCH_TIMEOUT bounds the dotnet run (default 30m; a 10,000-call faulted run wants 75m).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"
source "$ROOT/scripts/lib/loadgen.sh"

# The load before this script installs and builds anything (its own build would otherwise be the load reported).
CONNECTORS_BENCH_LOAD_AT_START="$(cut -d' ' -f1 /proc/loadavg)"
export CONNECTORS_BENCH_LOAD_AT_START
require dotnet node npm
azurite_install
azurite_start
loadgen_install
export CONNECTORS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
export CONNECTORS_BENCH_OUT="$ROOT/.artifacts/bench"

cd "$ROOT"
dotnet build tests/Connectors.Benchmarks -c Release --nologo -v quiet >&2
# Bounded whatever happens inside: a bench that hangs is stopped, not left running.
timeout --signal=TERM "${CONNECTORS_BENCH_TIMEOUT:-30m}" dotnet tests/Connectors.Benchmarks/bin/Release/net10.0/Connectors.Benchmarks.dll "$@"

# The lifecycle property test's long run: the same seeded generator as scripts/test.sh's, many more calls.
if [[ "${CONNECTORS_LIFECYCLE_COUNT:-0}" != 0 ]]; then
  "$ROOT/scripts/test.sh" --filter "FullyQualifiedName~LifecyclePropertyTests"
fi
