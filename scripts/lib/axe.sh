# axe-core, the accessibility engine the agent-page browser test injects into the page: pinned in tools/axe-core
# (package-lock.json), installed with npm ci when missing.
# shellcheck shell=bash
AXE_DIR="$ROOT/tools/axe-core"
AXE_SCRIPT="$AXE_DIR/node_modules/axe-core/axe.min.js"

# Installs axe-core when missing, then exports CONNECTORS_AXE_SCRIPT with the path of axe.min.js for the tests.
axe_install() {
  if [[ ! -f "$AXE_SCRIPT" ]]; then
    require node npm
    log "installing axe-core (pinned in tools/axe-core/package-lock.json)"
    npm ci --prefix "$AXE_DIR" --no-audit --no-fund --loglevel=error >&2 || die "could not install axe-core with npm"
  fi
  [[ -f "$AXE_SCRIPT" ]] || die "axe-core is not at $AXE_SCRIPT"
  export CONNECTORS_AXE_SCRIPT="$AXE_SCRIPT"
}
