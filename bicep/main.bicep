// Connectors on Azure: a Flex Consumption function app (.NET 10 isolated) with its storage, Service Bus work
// queues, Key Vault, monitoring and role assignments, all reached through one user-assigned identity.
// Deploy with scripts/deploy.sh (az deployment group create --template-file bicep/main.bicep ...).

targetScope = 'resourceGroup'

@description('Short name of this deployment, e.g. prod or staging: lower-case letters, digits and hyphens. Part of every resource name.')
@minLength(2)
@maxLength(12)
param environmentName string

param location string = resourceGroup().location

@description('The CRM this deployment reads and writes. Picks the CRM settings and the CRM secret together.')
@allowed(['salesforce', 'zendesk'])
param crmProvider string = 'salesforce'

@description('Who sends one-time passcodes by SMS. Picks the SMS settings and the SMS secret together.')
@allowed(['twilio', 'acs'])
param smsProvider string = 'twilio'

@description('Accept a voice-biometrics vendor\'s signed verdict as a gate. Adds the vendor settings and secrets.')
param voiceBiometricsEnabled bool = false

@description('Salesforce My Domain URL, e.g. https://acme.my.salesforce.com (crmProvider salesforce).')
param salesforceInstanceUrl string = ''

@description('Consumer key of the Salesforce connected app using the client-credentials flow (crmProvider salesforce).')
param salesforceClientId string = ''

@description('Zendesk subdomain, e.g. acme for acme.zendesk.com (crmProvider zendesk).')
param zendeskSubdomain string = ''

@description('Zendesk agent e-mail the API token belongs to (crmProvider zendesk).')
param zendeskEmail string = ''

@description('Twilio Account SID (smsProvider twilio).')
param twilioAccountSid string = ''

@description('Sender for passcode SMS: an E.164 number or a Messaging Service SID (smsProvider twilio).')
param twilioFrom string = ''

@description('Azure Communication Services endpoint, e.g. https://acme.communication.azure.com (smsProvider acs).')
param acsEndpoint string = ''

@description('E.164 number owned by the Communication Services resource (smsProvider acs).')
param acsFromNumber string = ''

@description('Base URL of the voice-biometrics vendor\'s API (voiceBiometricsEnabled).')
param voiceBiometricsVendorUrl string = ''

@description('Warm instances for the HTTP functions; the screen pop cannot afford a cold start.')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Address that alerts (dead-lettered work) e-mail; empty raises them in the portal only.')
param alertEmail string = ''

@description('Object id of whoever stores the secrets; gets Key Vault Secrets Officer. Empty grants nobody.')
param vaultWriterPrincipalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
param vaultWriterPrincipalType string = 'User'

@description('Grant Service Bus Data Owner for exact queue-length scaling (see modules/rbac.bicep). Off is least privilege.')
param serviceBusOwnerForScaling bool = false

@description('Once on, purge protection cannot be turned off; turn it off only for throw-away environments.')
param keyVaultPurgeProtection bool = true

param tags object = {}

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, {
  application: 'connectors'
  environment: environmentName
})
var names = {
  identity: 'id-connectors-${environmentName}'
  storage: 'stconn${take(token, 13)}'
  serviceBus: 'sb-connectors-${environmentName}-${take(token, 6)}'
  keyVault: 'kv-conn-${take(token, 13)}'
  logAnalytics: 'log-connectors-${environmentName}'
  appInsights: 'appi-connectors-${environmentName}'
  plan: 'plan-connectors-${environmentName}'
  functionApp: 'func-connectors-${environmentName}-${take(token, 6)}'
  deploymentContainer: 'app-package'
}

// The work queues, named as in Connectors.Core.Queues.QueueNames. This one list creates the queues and,
// through the Service Bus module's output, grants the app Sender and Receiver on each.
var queues = [
  {
    // A pop for a call that ended is worthless: let it expire quietly; a poison message still dead-letters.
    name: 'prefetch'
    timeToLive: 'PT15M'
    deadLetterOnExpiration: false
    maxDeliveryCount: 5
    duplicateDetectionWindow: 'PT10M'
    lockDuration: 'PT1M'
  }
  {
    // A passcode not sent while the caller waits must surface, not vanish; few retries, as each may text.
    name: 'otp-send'
    timeToLive: 'PT10M'
    deadLetterOnExpiration: true
    maxDeliveryCount: 5
    duplicateDetectionWindow: 'PT10M'
    lockDuration: 'PT1M'
  }
  {
    // A wrap-up start must never be lost: long life, dead-letter on expiry, more deliveries.
    name: 'wrapup'
    timeToLive: 'P14D'
    deadLetterOnExpiration: true
    maxDeliveryCount: 10
    duplicateDetectionWindow: 'PT1H'
    lockDuration: 'PT2M'
  }
]

// App settings, named as the app reads them: <options section>__<property> (see local.settings.sample.json).
// The provider flags pick settings and secrets from the same entry, so a deployment never references a
// secret it does not use, nor misses one it does.
var crmSettings = {
  salesforce: {
    Crm__Provider: 'Salesforce'
    Salesforce__InstanceUrl: salesforceInstanceUrl
    Salesforce__ClientId: salesforceClientId
  }
  zendesk: {
    Crm__Provider: 'Zendesk'
    Zendesk__Subdomain: zendeskSubdomain
    Zendesk__Email: zendeskEmail
  }
}
var crmSecrets = {
  salesforce: {
    Salesforce__ClientSecret: 'salesforce-client-secret'
  }
  zendesk: {
    Zendesk__ApiToken: 'zendesk-api-token'
  }
}
var smsSettings = {
  twilio: {
    Sms__Provider: 'Twilio'
    Twilio__AccountSid: twilioAccountSid
    Twilio__From: twilioFrom
  }
  acs: {
    Sms__Provider: 'Acs'
    Acs__Endpoint: acsEndpoint
    Acs__FromNumber: acsFromNumber
  }
}
var smsSecrets = {
  twilio: {
    Twilio__AuthToken: 'twilio-auth-token'
  }
  acs: {
    Acs__AccessKey: 'acs-access-key'
  }
}
var biometricSettings = voiceBiometricsEnabled ? {
  VoiceBiometrics__Enabled: 'true'
  VoiceBiometrics__VendorUrl: voiceBiometricsVendorUrl
} : {
  VoiceBiometrics__Enabled: 'false'
}
var biometricSecrets = voiceBiometricsEnabled ? {
  VoiceBiometrics__ApiKey: 'voice-biometrics-api-key'
  VoiceBiometrics__VerdictSigningKey: 'voice-biometrics-verdict-signing-key'
} : {}

var secretSettings = union(crmSecrets[crmProvider], smsSecrets[smsProvider], biometricSecrets, {
  Otp__HmacKey: 'otp-hmac-key'
})

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    deploymentContainerName: names.deploymentContainer
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'serviceBus'
  params: {
    name: names.serviceBus
    location: location
    tags: allTags
    queues: queues
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    workbookDisplayName: 'Connectors contract signals (${environmentName})'
    alertEmail: alertEmail
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: 'connectors-${environmentName}'
    tags: allTags
    serviceBusNamespaceId: serviceBus.outputs.id
    actionGroupId: monitoring.outputs.actionGroupId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    queueNames: serviceBus.outputs.queueNames
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    serviceBusOwnerForScaling: serviceBusOwnerForScaling
    vaultWriterPrincipalId: vaultWriterPrincipalId
    vaultWriterPrincipalType: vaultWriterPrincipalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  // The app resolves Key Vault references and opens its connections at start-up: grant first, then start.
  dependsOn: [
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultName: keyVault.outputs.name
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    maximumInstanceCount: maximumInstanceCount
    vaultReferences: secretSettings
    appSettings: union(crmSettings[crmProvider], smsSettings[smsProvider], biometricSettings, {
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Storage__ManagedIdentityClientId: identity.outputs.clientId
      Storage__TablePrefix: ''
      ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identity.outputs.clientId
    })
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output identityClientId string = identity.outputs.clientId
output keyVaultName string = keyVault.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output appInsightsName string = monitoring.outputs.appInsightsName

@description('Secret names the app\'s settings reference; each must be set in the vault before the app can use it.')
output vaultEntriesToSet string[] = [for setting in items(secretSettings): setting.value]
