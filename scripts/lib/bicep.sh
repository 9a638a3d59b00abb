# The Bicep CLI from its NuGet package (Azure.Bicep.CommandLine.linux-x64, pinned in
# tools/bicep/Connectors.BicepCli.csproj): `dotnet restore` puts it in the NuGet cache; nothing is downloaded
# from anywhere else. Exports BICEP (the executable).
# shellcheck shell=bash
BICEP_PROJECT="$ROOT/tools/bicep/Connectors.BicepCli.csproj"

bicep_install() {
  local version packages
  version="$(sed -n 's|.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*|\1|p' "$BICEP_PROJECT")"
  [[ -n "$version" ]] || die "no BicepCliVersion in $BICEP_PROJECT"
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
  BICEP="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  if [[ ! -f "$BICEP" ]]; then
    log "restoring the Bicep CLI $version (NuGet)"
    dotnet restore "$BICEP_PROJECT" --nologo -v quiet >&2 || die "could not restore $BICEP_PROJECT"
  fi
  [[ -f "$BICEP" ]] || die "the Bicep CLI package has no $BICEP"
  [[ -x "$BICEP" ]] || chmod u+x "$BICEP"
  export BICEP
}

# Compiles bicep/main.bicep to $1/main.json and lints it; any lint diagnostic (warning or error) fails.
bicep_build_and_lint() {
  local out=$1 lint
  "$BICEP" build "$ROOT/bicep/main.bicep" --outdir "$out" || die "bicep build failed"
  lint="$("$BICEP" lint "$ROOT/bicep/main.bicep" 2>&1)" || { printf '%s\n' "$lint" >&2; die "bicep lint failed"; }
  if [[ -n "$lint" ]]; then printf '%s\n' "$lint" >&2; die "bicep lint reported diagnostics"; fi
}
