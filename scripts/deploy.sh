#!/usr/bin/env bash
# Deploys Connectors to Azure: the infrastructure in bicep/main.bicep into one resource group, then the
# Functions app (functions/Connectors.Functions) onto the Flex Consumption app that template created.
#
# Prerequisites
#   - Azure CLI 2.65 or later, signed in to the target subscription:
#       az login && az account set --subscription <subscription id>
#     The Bicep CLI is fetched by az on first use (or: az bicep install).
#   - On the resource group: Owner, or Contributor plus Role Based Access Control Administrator
#     (the template creates role assignments for the app's identity).
#   - A region that offers Flex Consumption:  az functionapp list-flexconsumption-locations -o table
#   - To deploy the code: the .NET 10 SDK with the full nuget.org feed (the Functions worker packages), and zip.
#
# Usage
#   scripts/deploy.sh -g <resource group> [-l <region>] [options]
#
#   -g, --resource-group NAME  resource group; created in --location when it does not exist (required)
#   -l, --location REGION      region of a new resource group
#   -e, --environment NAME     environmentName: part of every resource name, e.g. prod (default: parameters file)
#   -p, --parameters FILE      parameters file (default: bicep/main.parameters.json)
#       --set NAME=VALUE       one more template parameter, repeatable: --set crmProvider=zendesk
#       --secrets-officer ID   object id that may store the secrets (Key Vault Secrets Officer); "me" = you
#       --what-if              show what the template would change; change nothing
#       --infra-only           deploy the template only
#       --code-only            deploy the code only, to the app of this group's last template deployment
#   -h, --help
#
# No secret goes through this script: after the first deployment it prints the Key Vault secrets the app's
# settings reference, for an administrator to store with az keyvault secret set.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "$0")/lib/common.sh"

readonly MIN_AZ_VERSION=2.65.0
readonly DEPLOYMENT_NAME=connectors
readonly TEMPLATE="$ROOT/bicep/main.bicep"
readonly FUNCTIONS_PROJECT="$ROOT/functions/Connectors.Functions/Connectors.Functions.csproj"

usage() { sed -n '2,/^set -euo pipefail$/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

resource_group="" location="" environment="" parameters_file="$ROOT/bicep/main.parameters.json"
secrets_officer="" what_if=false deploy_infra=true deploy_code=true
overrides=()

while (($#)); do
  case "$1" in
    -g | --resource-group) resource_group="${2:?$1 needs a value}"; shift 2 ;;
    -l | --location) location="${2:?$1 needs a value}"; shift 2 ;;
    -e | --environment) environment="${2:?$1 needs a value}"; shift 2 ;;
    -p | --parameters) parameters_file="${2:?$1 needs a value}"; shift 2 ;;
    --set) overrides+=("${2:?$1 needs NAME=VALUE}"); shift 2 ;;
    --secrets-officer) secrets_officer="${2:?$1 needs an object id or 'me'}"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --infra-only) deploy_code=false; shift ;;
    --code-only) deploy_infra=false; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

# Checked before anything touches Azure, so a missing CLI fails with a message, not half-way through.
command -v az >/dev/null 2>&1 \
  || die "the Azure CLI ('az') is not installed. Install it (https://aka.ms/installazurecli), run 'az login', then run this again."
[[ -n "$resource_group" ]] || { usage >&2; die "--resource-group is required"; }
[[ -f "$parameters_file" ]] || die "parameters file '$parameters_file' not found"
for override in "${overrides[@]}"; do
  [[ "$override" == ?*=* ]] || die "--set takes NAME=VALUE, not '$override'"
done

az_version="$(az version --query '"azure-cli"' -o tsv)"
if [[ "$(printf '%s\n' "$MIN_AZ_VERSION" "$az_version" | sort -V | head -n 1)" != "$MIN_AZ_VERSION" ]]; then
  die "Azure CLI $az_version is too old; $MIN_AZ_VERSION or later deploys to Flex Consumption (az upgrade)."
fi
az account show --query id -o tsv >/dev/null 2>&1 \
  || die "not signed in to Azure: run 'az login' and 'az account set --subscription <id>'."
log "subscription: $(az account show --query '[name, id]' -o tsv | tr '\t' ' ')"

output() {
  az deployment group show --resource-group "$resource_group" --name "$DEPLOYMENT_NAME" \
    --query "properties.outputs.$1.value" -o tsv
}

deploy_template() {
  local args=(--resource-group "$resource_group" --name "$DEPLOYMENT_NAME" --template-file "$TEMPLATE"
    --parameters "@$parameters_file")
  [[ -z "$environment" ]] || args+=(--parameters "environmentName=$environment")
  if [[ -n "$secrets_officer" ]]; then
    if [[ "$secrets_officer" == me ]]; then
      secrets_officer="$(az ad signed-in-user show --query id -o tsv)" \
        || die "--secrets-officer me needs a signed-in user; pass an object id instead."
    fi
    args+=(--parameters "vaultWriterPrincipalId=$secrets_officer")
  fi
  for override in "${overrides[@]}"; do args+=(--parameters "$override"); done

  if [[ "$(az group exists --name "$resource_group")" != true ]]; then
    if $what_if; then die "resource group '$resource_group' does not exist; what-if compares against an existing group."; fi
    [[ -n "$location" ]] || die "resource group '$resource_group' does not exist; pass --location to create it."
    log "creating resource group $resource_group in $location"
    az group create --name "$resource_group" --location "$location" --tags application=connectors -o none
  fi

  if $what_if; then
    log "what-if: nothing will be changed"
    az deployment group what-if "${args[@]}"
    return
  fi

  log "deploying $TEMPLATE to $resource_group (deployment '$DEPLOYMENT_NAME')"
  az deployment group create "${args[@]}" -o none
}

deploy_app_code() {
  require dotnet zip
  local app work
  app="$(output functionAppName)"
  [[ -n "$app" ]] || die "no function app in deployment '$DEPLOYMENT_NAME' of $resource_group; deploy the template first."
  work="$(mktemp -d "${TMPDIR:-/tmp}/connectors-deploy.XXXXXX")"
  on_exit "rm -rf '$work'"

  log "publishing $FUNCTIONS_PROJECT"
  # The full app, Service Bus trigger included (the switch's default, set explicitly so no environment turns it off).
  dotnet publish "$FUNCTIONS_PROJECT" -c Release -o "$work/app" --nologo -p:ConnectorsServiceBusTrigger=true
  [[ -f "$work/app/host.json" ]] || die "the published app has no host.json at its root; the package would not start."
  # The package's root must be the publish folder itself, with host.json at the top.
  (cd "$work/app" && zip -qr "$work/app.zip" .)

  # On a Flex Consumption app the CLI uses the one-deploy endpoint (signed in with Entra ID, no publishing
  # credentials), then waits for the triggers to sync and checks the host is healthy.
  log "deploying the package to $app"
  az functionapp deployment source config-zip --resource-group "$resource_group" --name "$app" --src "$work/app.zip" -o none
}

print_next_steps() {
  local vault host secret principal
  vault="$(output keyVaultName)"
  host="$(output functionAppHostName)"
  principal="$(output identityPrincipalId)"
  log "function app: https://$host  (identity client id: $(output identityClientId))"
  echo
  echo "Secrets the app's settings reference (store each once; the app picks them up within a day, or at once on restart):"
  while IFS= read -r secret; do
    if [[ -n "$secret" ]]; then
      printf '  az keyvault secret set --vault-name %s --name %s --file <file holding the value>\n' "$vault" "$secret"
    fi
  done < <(output vaultEntriesToSet | tr '\t' '\n')
  echo "  (step-up-hash-key is yours to make, never a vendor's: base64 of 32 random bytes, e.g. openssl rand -base64 32 > key.txt)"
  echo
  cat <<EOF
Passcode e-mail goes through Microsoft Graph as the app's identity ($principal). Once per tenant, an
administrator who may grant application permissions gives it Mail.Send, then limits it in Exchange Online to the
sender mailbox (an application access policy or RBAC for Applications):
  graph=\$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv)
  role=\$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query "appRoles[?value=='Mail.Send'].id" -o tsv)
  az rest --method post --url https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments \\
    --body "{\"principalId\":\"$principal\",\"resourceId\":\"\$graph\",\"appRoleId\":\"\$role\"}"
EOF
  echo
  echo "Health: curl https://$host/api/health"
  echo "Every other endpoint needs a function key (x-functions-key header): az functionapp keys list -g $resource_group -n $(output functionAppName)"
}

# Plain ifs, not "&&" lists: bash ignores set -e inside a function called from one.
if $deploy_infra; then deploy_template; fi
if $what_if; then exit 0; fi
if $deploy_code; then deploy_app_code; fi
print_next_steps
