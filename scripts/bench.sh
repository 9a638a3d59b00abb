#!/usr/bin/env bash
# Measures and prints the figures behind the speed targets (never asserted in unit tests: the machine is
# noisy, so compare the ratios printed from one run). Usage: scripts/bench.sh [calls, default 200]
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
