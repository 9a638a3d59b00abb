#!/usr/bin/env bash
# Runs scenario files against a live host as dry runs, prints a QA scorecard per scenario and a summary, and writes
# results.json, junit.xml and summary.md (default artifacts/scenarios/). Non-zero on any failure.
#
#   scripts/scenarios.sh                                   # scenarios/ against scripts/run-local.sh's LocalHost
#   scripts/scenarios.sh scenarios/billing-call.yaml --sim twilio=http://127.0.0.1:PORT
#   scripts/scenarios.sh --validate                        # the schema only
#   scripts/scenarios.sh --repeat 5 --baseline artifacts/scenarios/results.json
#   scripts/scenarios.sh --from-call <callId> --out replays/   # export a call, write it as a scenario
#   scripts/scenarios.sh --replay replays/ --caller lastFour=4242,billingZip=94107
#   CONNECTORS_URL=https://<app>.azurewebsites.net CONNECTORS_KEY=<function key> scripts/scenarios.sh --crm zendesk ...
#
# Against LocalHost the channels' signing settings default to local.settings.sample.json's; a deployed host takes
# --twilio-token, --twilio-public-url, --webhook-sender and --webhook-secret. `--help` lists every option.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
require dotnet

CONFIGURATION=${CONFIGURATION:-Release}
PROJECT="$ROOT/tools/Connectors.Scenarios/Connectors.Scenarios.csproj"
mkdir -p "$ROOT/artifacts/scenarios"
dotnet build "$PROJECT" -c "$CONFIGURATION" -p:ConnectorsServiceBusTrigger=false --nologo -v quiet -clp:ErrorsOnly \
  >"$ROOT/artifacts/scenarios/build.log" 2>&1 || { cat "$ROOT/artifacts/scenarios/build.log" >&2; die "the scenario runner did not build"; }

defaults=()
if [[ -z "${CONNECTORS_URL:-}" || "${CONNECTORS_URL}" == http://127.0.0.1:* || "${CONNECTORS_URL}" == http://localhost:* ]]; then
  # LocalHost reads local.settings.sample.json: sign as its sample Twilio account and its sample webhook sender.
  settings="$ROOT/local.settings.sample.json"
  value() { node -e "process.stdout.write(require(process.argv[1]).Values[process.argv[2]] ?? '')" "$settings" "$1"; }
  defaults+=(--twilio-token "$(value Channels__Twilio__AuthToken)" --twilio-public-url "$(value Channels__Twilio__PublicBaseUrl)")
  defaults+=(--webhook-sender localivr --webhook-secret "$(value Channels__Webhooks__Senders__localivr__Secret)")
  [[ -n "${LOCALHOST_API_KEY:-}" && -z "${CONNECTORS_KEY:-}" ]] && export CONNECTORS_KEY="$LOCALHOST_API_KEY"
fi

cd "$ROOT"
exec dotnet "$ROOT/tools/Connectors.Scenarios/bin/$CONFIGURATION/net10.0/Connectors.Scenarios.dll" "${defaults[@]}" "$@"
