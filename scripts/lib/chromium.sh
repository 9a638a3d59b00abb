# Debian's chromium for the agent-page test (Playwright's own browser download cannot work here).
# shellcheck shell=bash

# Installs chromium with apt-get when it is missing (CI runs as root on a fresh machine), then exports
# CONNECTORS_CHROMIUM with its path for the tests.
chromium_install() {
  local path="${CONNECTORS_CHROMIUM:-/usr/bin/chromium}"
  if [[ ! -x "$path" ]]; then
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      command -v sudo >/dev/null 2>&1 || die "chromium is missing and this user cannot install it; run: apt-get install chromium"
      sudo=(sudo)
    fi
    log "installing chromium (Debian package) for the agent-page test"
    "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >&2 || die "apt-get install chromium failed"
    path=/usr/bin/chromium
  fi
  [[ -x "$path" ]] || die "chromium is not at $path"
  export CONNECTORS_CHROMIUM="$path"
}
