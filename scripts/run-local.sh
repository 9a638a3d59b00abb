#!/usr/bin/env bash
# Runs the connector set on this machine: Azurite, the simulators and LocalHost on 127.0.0.1, then
# waits for Ctrl-C or SIGTERM and stops everything it started (also when a start fails).
#
#   scripts/run-local.sh            run until stopped (PORT picks LocalHost's port, default 7071)
#   scripts/run-local.sh --check    start, expect /api/health 200, stop Azurite, expect 503, stop; exit 0 or 1
#
# Logs of the build and the three processes go to .artifacts/run-local/. Works without a terminal (CI=true).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/azurite.sh"

CHECK=false
case "${1:-}" in
  --check) CHECK=true ;;
  "") ;;
  -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
  *) die "unknown argument '$1' (use --check, or nothing)" ;;
esac

PORT="${PORT:-7071}"
CONFIGURATION="${CONFIGURATION:-Release}"
LOGS="$ROOT/.artifacts/run-local"
LOCALHOST_URL="http://127.0.0.1:$PORT"
HEALTH_URL="$LOCALHOST_URL/api/health"
STARTED_PIDS=()

# Stops one process: SIGTERM, a few seconds' grace for a clean shutdown, then SIGKILL.
stop_process() {
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Starts "$@" in the background with its output in $LOGS/<name>.log, stopped on exit; its pid is in STARTED_PID.
# (Not a $(...) substitution: the process must be a child of this shell to be waited for and stopped.)
start_process() {
  local name=$1
  shift
  # Emptied here, not by the child's redirection, so nothing reads the previous run's log as this one's.
  : >"$LOGS/$name.log"
  "$@" >>"$LOGS/$name.log" 2>&1 &
  STARTED_PID=$!
  STARTED_PIDS+=("$STARTED_PID")
  on_exit "stop_process $STARTED_PID $name"
}

fail_with_log() {
  local name=$1
  shift
  log "$*"
  log "last lines of $LOGS/$name.log:"
  tail -n 20 "$LOGS/$name.log" >&2 || true
  exit 1
}

# "<code> <one-line summary>" of GET /api/health, e.g. "200 healthy: tableStorage healthy (Table Storage answered in 9 ms.)".
health_summary() {
  local response
  response="$(curl -s --max-time 10 -w '\n%{http_code}' "$HEALTH_URL" 2>/dev/null)" || { echo "000 no answer from $HEALTH_URL"; return 0; }
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions.
  node -e '
    const [code, body] = [process.argv[1], process.argv[2]];
    let summary = body;
    try {
      const health = JSON.parse(body);
      const checks = Object.entries(health.checks ?? {}).map(([name, c]) => `${name} ${c.status} (${c.description ?? ""})`).join("; ");
      summary = health.type ? `${health.health ?? "unhealthy"} ${health.type}: ${checks}` : `${health.status}: ${checks}`;
    } catch { /* not JSON: show it as it is */ }
    console.log(`${code} ${summary.replace(/\s+/g, " ")}`);
  ' "${response##*$'\n'}" "${response%$'\n'*}"
}

# Waits until /api/health answers $1 (a status code), for at most $2 seconds, while LocalHost runs.
wait_for_health() {
  local expected=$1 seconds=$2 i code
  for ((i = 0; i < seconds * 4; i++)); do
    kill -0 "$LOCALHOST_PID" 2>/dev/null || fail_with_log localhost "LocalHost exited while starting"
    code="$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$HEALTH_URL" 2>/dev/null || true)"
    [[ "$code" == "$expected" ]] && return 0
    sleep 0.25
  done
  return 1
}

require dotnet node npm curl
mkdir -p "$LOGS"
cd "$ROOT"

log "building ($CONFIGURATION)"
without_service_bus_trigger
: >"$LOGS/build.log"
for project in functions/Connectors.LocalHost tests/Connectors.Simulators; do
  dotnet build "$ROOT/$project" -c "$CONFIGURATION" --nologo >>"$LOGS/build.log" 2>&1 || fail_with_log build "the build failed"
done
LOCALHOST_DLL="$ROOT/functions/Connectors.LocalHost/bin/$CONFIGURATION/net10.0/Connectors.LocalHost.dll"
SIMULATORS_DLL="$ROOT/tests/Connectors.Simulators/bin/$CONFIGURATION/net10.0/Connectors.Simulators.dll"
[[ -f "$LOCALHOST_DLL" && -f "$SIMULATORS_DLL" ]] || die "the build did not produce $LOCALHOST_DLL and $SIMULATORS_DLL"

azurite_install
azurite_start

start_process simulators dotnet "$SIMULATORS_DLL"
SIMULATORS_PID=$STARTED_PID
for ((i = 0; i < 240; i++)); do
  grep -qx 'simulators ready' "$LOGS/simulators.log" 2>/dev/null && break
  kill -0 "$SIMULATORS_PID" 2>/dev/null || fail_with_log simulators "the simulators exited while starting"
  sleep 0.25
done
grep -qx 'simulators ready' "$LOGS/simulators.log" || fail_with_log simulators "the simulators did not report ready within 60 s"

# The simulators print "<name> <url>" per simulator, then "setting Section__Key=value" per setting that
# points a connector at one (Connectors.Simulators' SimulatorSettings, the map the tests use too; the
# sample settings' credentials are the simulators' defaults).
SIMULATOR_LINES=()
SIMULATOR_SETTINGS=()
while read -r name url; do
  [[ "$name" == simulators && "$url" == ready ]] && break
  if [[ "$name" == setting ]]; then
    SIMULATOR_SETTINGS+=("$url")
    continue
  fi
  [[ -n "$name" && "$url" == http* ]] || continue
  SIMULATOR_LINES+=("$name $url")
done <"$LOGS/simulators.log"

# Every endpoint but health and the signed platform ones needs this key (x-functions-key), as in Azure.
API_KEY="${LOCALHOST_API_KEY:-$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")}"

# LocalHost reads local.settings.json (else the sample) from the working directory, the repository root;
# these variables win over it.
start_process localhost env \
  "${SIMULATOR_SETTINGS[@]}" \
  Storage__ConnectionString="$AZURITE_CONNECTION_STRING" \
  LocalHost__Urls="$LOCALHOST_URL" \
  LocalHost__ApiKey="$API_KEY" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  dotnet "$LOCALHOST_DLL"
LOCALHOST_PID=$STARTED_PID
wait_for_health 200 90 || fail_with_log localhost "LocalHost did not report healthy at $HEALTH_URL within 90 s: $(health_summary)"

echo "LocalHost    $LOCALHOST_URL/api  (pid $LOCALHOST_PID, log $LOGS/localhost.log)"
echo "health       $HEALTH_URL"
echo "api key      $API_KEY  (send as header x-functions-key; LOCALHOST_API_KEY=... picks it)"
echo "Azurite      http://127.0.0.1:$AZURITE_TABLE_PORT/$AZURITE_ACCOUNT  (tables pid $AZURITE_PID; queue and blob: pids $AZURITE_PIDS)"
for line in "${SIMULATOR_LINES[@]}"; do echo "simulator    $line"; done
[[ ${#SIMULATOR_LINES[@]} -gt 0 ]] || echo "simulators   none yet (pid $SIMULATORS_PID)"
echo "health: $(health_summary)"

if [[ "$CHECK" == true ]]; then
  log "check: stopping Azurite's table service (pid $AZURITE_PID); /api/health must turn 503"
  stop_process "$AZURITE_PID" azurite
  if ! wait_for_health 503 30; then
    log "check failed: health did not turn 503 with Azurite stopped: $(health_summary)"
    exit 1
  fi
  summary="$(health_summary)"
  echo "health without Azurite: $summary"
  [[ "$summary" == *"urn:connectors:problem:storage-unavailable"* ]] || { log "check failed: 503 without the storage-unavailable problem type"; exit 1; }

  run_cleanups
  # shellcheck disable=SC2086 # AZURITE_PIDS is a list of pids
  for pid in "${STARTED_PIDS[@]}" $AZURITE_PIDS; do
    if kill -0 "$pid" 2>/dev/null; then log "check failed: pid $pid still runs after clean-up"; exit 1; fi
  done
  echo "check passed: 200 with Azurite, 503 storage-unavailable without it, nothing left running"
  exit 0
fi

log "running; Ctrl-C or SIGTERM stops everything"
# Azurite is left out on purpose: stopping it by hand shows /api/health turn 503 while the rest runs on.
status=0
wait -n "$LOCALHOST_PID" "$SIMULATORS_PID" || status=$?
if kill -0 "$LOCALHOST_PID" 2>/dev/null; then
  fail_with_log simulators "the simulators exited (status $status)"
fi
fail_with_log localhost "LocalHost exited (status $status)"
