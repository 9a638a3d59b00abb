# Azurite (the Blob, Queue and Table Storage emulator; the Durable Task engine needs all three) as a real part: pinned in tools/azurite, installed when
# missing, started on 127.0.0.1 on a free port with its data in a temporary folder, stopped on exit.
# shellcheck shell=bash
AZURITE_DIR="$ROOT/tools/azurite"
AZURITE_BIN="$AZURITE_DIR/node_modules/.bin/azurite"
AZURITE_ACCOUNT=devstoreaccount1
# The emulator's well-known development key (public, documented; not a secret).
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

azurite_install() {
  if [[ -x "$AZURITE_BIN" ]]; then return 0; fi
  require node npm
  log "installing Azurite (pinned in tools/azurite/package-lock.json)"
  npm ci --prefix "$AZURITE_DIR" --no-audit --no-fund --loglevel=error >&2 || die "could not install Azurite with npm"
}

# Starts Azurite's blob, queue and table services; exports AZURITE_TABLE_PORT and AZURITE_CONNECTION_STRING.
azurite_start() {
  local data attempt port blob_port queue_port pid
  data="$(mktemp -d "${TMPDIR:-/tmp}/connectors-azurite.XXXXXX")"
  on_exit "rm -rf '$data'"
  for attempt in 1 2 3; do
    port="$(free_port)" blob_port="$(free_port)" queue_port="$(free_port)"
    "$AZURITE_BIN" --location "$data" --tableHost 127.0.0.1 --tablePort "$port" \
      --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
      --skipApiVersionCheck --disableTelemetry --silent >"$data/azurite.log" 2>&1 &
    pid=$!
    if wait_for_port "$port" 30 && wait_for_port "$blob_port" 10 && wait_for_port "$queue_port" 10; then
      on_exit "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
      export AZURITE_TABLE_PORT="$port" AZURITE_PID="$pid"
      export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;TableEndpoint=http://127.0.0.1:$port/$AZURITE_ACCOUNT;BlobEndpoint=http://127.0.0.1:$blob_port/$AZURITE_ACCOUNT;QueueEndpoint=http://127.0.0.1:$queue_port/$AZURITE_ACCOUNT;"
      log "Azurite on http://127.0.0.1: table $port, blob $blob_port, queue $queue_port (pid $pid)"
      return 0
    fi
    kill "$pid" 2>/dev/null || true
    log "Azurite did not start on port $port (attempt $attempt): $(tail -n 3 "$data/azurite.log" 2>/dev/null)"
  done
  die "Azurite could not be started; the integration tests need it (they are never skipped)."
}
