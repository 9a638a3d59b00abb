# Debian's `hey`, the single-endpoint load generator of scripts/bench.sh.
# shellcheck shell=bash

# Installs hey with apt-get when it is missing (CI runs as root on a fresh machine), then exports CONNECTORS_BENCH_HEY
# with its path for the bench. (Debian's "bombardier" package is a game, not the HTTP tool; hey is the one there.)
loadgen_install() {
  local path
  path="$(command -v hey || true)"
  if [[ -z "$path" ]]; then
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      command -v sudo >/dev/null 2>&1 || die "hey is missing and this user cannot install it; run: apt-get install hey"
      sudo=(sudo)
    fi
    log "installing hey (Debian package), the single-endpoint load generator"
    "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq hey >&2 || die "apt-get install hey failed"
    path="$(command -v hey)"
  fi
  export CONNECTORS_BENCH_HEY="$path"
}
