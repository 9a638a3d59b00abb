#!/usr/bin/env bash
# Measures and prints the figures behind the speed targets (never asserted in unit tests: the machine is
# noisy, so compare the ratios printed from one run). Usage: scripts/bench.sh [calls, default 200]
# Flags: --faulted-calls N sizes the faulted wrap-up run (default 2000); --faulted-only runs that run alone.
# CONNECTORS_LIFECYCLE_COUNT sizes the lifecycle property test's long run at the end (default 300; 0 skips it).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"

require dotnet node npm
azurite_install
azurite_start
export CONNECTORS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

cd "$ROOT"
dotnet build tests/Connectors.Benchmarks -c Release --nologo -v quiet >&2
dotnet tests/Connectors.Benchmarks/bin/Release/net10.0/Connectors.Benchmarks.dll "$@"

# The lifecycle property test's long run: the same seeded generator as scripts/test.sh's, many more calls.
if [[ "${CONNECTORS_LIFECYCLE_COUNT:-300}" != 0 ]]; then
  CONNECTORS_LIFECYCLE_COUNT="${CONNECTORS_LIFECYCLE_COUNT:-300}" "$ROOT/scripts/test.sh" --filter "FullyQualifiedName~LifecyclePropertyTests"
fi
