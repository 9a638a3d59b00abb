# Shared by the scripts: paths, tool checks, free ports, clean-up on exit.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed; install it and run again (see README.md)."
  done
}

# A free TCP port on 127.0.0.1 (asked of the kernel, so it is free at the time of asking).
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

# Waits until something accepts connections on 127.0.0.1:$1, for at most $2 seconds.
wait_for_port() {
  local port=$1 seconds=${2:-30} i
  for ((i = 0; i < seconds * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Clean-up actions run once, in reverse order, on exit, failure or Ctrl-C.
CLEANUPS=()
on_exit() { CLEANUPS+=("$1"); }
run_cleanups() {
  local i
  for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[i]}" || true; done
  CLEANUPS=()
}
trap run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The one build switch (Directory.Build.props): the Functions app's Service Bus trigger needs a package the
# registry here does not serve, so the scripts that build here turn it off. deploy.sh turns it on explicitly.
without_service_bus_trigger() { export ConnectorsServiceBusTrigger=false; }
