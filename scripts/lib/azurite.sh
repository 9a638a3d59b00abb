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

# Starts Azurite's table, queue and blob services as three processes (each emulator is one single-threaded Node process:
# as one, a wrap-up load held it at a whole core while the host used a fifth of the other; as three, the table service's
# scans and the engine's queue polls run side by side), each keeping its data in memory (nothing here needs to outlive
# the run, and the on-disk mode serializes the whole database every few seconds, which grows with every call stored).
# Exports AZURITE_TABLE_PORT, AZURITE_PID (the table service's: stopping it is "storage down"), AZURITE_PIDS (all three)
# and AZURITE_CONNECTION_STRING.
azurite_start() {
  local data attempt table_port blob_port queue_port table_pid blob_pid queue_pid common
  data="$(mktemp -d "${TMPDIR:-/tmp}/connectors-azurite.XXXXXX")"
  on_exit "rm -rf '$data'"
  # In memory, so no --location (Azurite refuses both); each runs in the temporary folder, where anything it writes goes.
  common=(--skipApiVersionCheck --disableTelemetry --silent --inMemoryPersistence)
  for attempt in 1 2 3; do
    table_port="$(free_port)" blob_port="$(free_port)" queue_port="$(free_port)"
    (cd "$data" && exec "$AZURITE_DIR/node_modules/.bin/azurite-table" "${common[@]}" --tableHost 127.0.0.1 --tablePort "$table_port") >"$data/table.log" 2>&1 &
    table_pid=$!
    (cd "$data" && exec "$AZURITE_DIR/node_modules/.bin/azurite-queue" "${common[@]}" --queueHost 127.0.0.1 --queuePort "$queue_port") >"$data/queue.log" 2>&1 &
    queue_pid=$!
    (cd "$data" && exec "$AZURITE_DIR/node_modules/.bin/azurite-blob" "${common[@]}" --blobHost 127.0.0.1 --blobPort "$blob_port") >"$data/blob.log" 2>&1 &
    blob_pid=$!
    if wait_for_port "$table_port" 30 && wait_for_port "$queue_port" 10 && wait_for_port "$blob_port" 10; then
      on_exit "kill $table_pid $queue_pid $blob_pid 2>/dev/null; wait $table_pid $queue_pid $blob_pid 2>/dev/null"
      export AZURITE_TABLE_PORT="$table_port" AZURITE_PID="$table_pid" AZURITE_PIDS="$table_pid $queue_pid $blob_pid"
      export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;TableEndpoint=http://127.0.0.1:$table_port/$AZURITE_ACCOUNT;BlobEndpoint=http://127.0.0.1:$blob_port/$AZURITE_ACCOUNT;QueueEndpoint=http://127.0.0.1:$queue_port/$AZURITE_ACCOUNT;"
      log "Azurite on http://127.0.0.1: table $table_port (pid $table_pid), queue $queue_port (pid $queue_pid), blob $blob_port (pid $blob_pid)"
      return 0
    fi
    kill "$table_pid" "$queue_pid" "$blob_pid" 2>/dev/null || true
    log "Azurite did not start on ports $table_port/$queue_port/$blob_port (attempt $attempt): $(tail -q -n 2 "$data"/*.log 2>/dev/null)"
  done
  die "Azurite could not be started; the integration tests need it (they are never skipped)."
}
