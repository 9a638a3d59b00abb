// Connectors on Azure: a Flex Consumption function app (.NET 10 isolated) with its storage, Service Bus work
// queues, Key Vault, monitoring and role assignments, all reached through one user-assigned identity.
// Deploy with scripts/deploy.sh (az deployment group create --template-file bicep/main.bicep ...).

targetScope = 'resourceGroup'

import { biometricVendorSpec } from 'modules/types.bicep'

@description('Short name of this deployment, e.g. prod or staging: lower-case letters, digits and hyphens. Part of every resource name.')
@minLength(2)
@maxLength(12)
param environmentName string

param location string = resourceGroup().location

@description('The CRM this deployment reads and writes (Crm__Provider). Picks the CRM settings and the CRM secret together.')
@allowed(['salesforce', 'zendesk'])
param crmProvider string = 'salesforce'

@description('Who sends one-time passcodes by SMS (Sms__Provider). Picks the SMS settings and the SMS secret together.')
@allowed(['twilio', 'acs'])
param smsProvider string = 'twilio'

@description('Salesforce My Domain, bare, e.g. https://acme.my.salesforce.com (crmProvider salesforce).')
param salesforceMyDomainUrl string = ''

@description('Consumer key of the Salesforce connected app using the client-credentials flow (crmProvider salesforce).')
param salesforceClientId string = ''

@description('Zendesk account address, e.g. https://acme.zendesk.com/ (crmProvider zendesk).')
param zendeskBaseUrl string = ''

@description('How the app signs in to Zendesk: ApiToken (agent e-mail + API token) or OAuth (access token). Picks the Zendesk secret (crmProvider zendesk).')
@allowed(['ApiToken', 'OAuth'])
param zendeskAuthMode string = 'ApiToken'

@description('E-mail of the Zendesk agent the API token acts as (zendeskAuthMode ApiToken).')
param zendeskEmail string = ''

@description('Twilio Account SID, AC + 32 hex (smsProvider twilio).')
param twilioAccountSid string = ''

@description('E.164 number passcode SMS come from (smsProvider twilio); leave empty when twilioMessagingServiceSid is set.')
param twilioFromNumber string = ''

@description('Messaging Service SID, MG + 32 hex, to send through instead of one number (smsProvider twilio). Wins over twilioFromNumber.')
param twilioMessagingServiceSid string = ''

@description('Azure Communication Services endpoint, e.g. https://acme.communication.azure.com/ (smsProvider acs).')
param acsEndpoint string = ''

@description('E.164 number owned by the Communication Services resource (smsProvider acs).')
param acsFromNumber string = ''

@description('Mailbox (UPN or object id) e-mailed passcodes come from. The app sends through Microsoft Graph as its managed identity, which needs the Mail.Send application role (scripts/deploy.sh prints how).')
param emailSenderMailbox string = ''

@description('Voice-biometrics vendors whose signed verdicts count as a gate; each brings its settings and its secret. Empty: no biometric gate.')
param biometricVendors biometricVendorSpec[] = []

@description('Country calling code for numbers stored without one (CRM records, passcode destinations, caller ids).')
param defaultCountryCode string = '1'

@description('Country calling codes (or longer prefixes) passcode SMS may go to; anything else is refused before sending.')
@minLength(1)
param smsCountryAllowList string[] = [
  '1'
]

@description('How long the voice AI may wait for an account read before it must say something (hh:mm:ss.fff).')
param turnBudget string = '00:00:00.800'

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

@description('Sender names of the signed generic webhook (letters and digits; e.g. genesys); each secret is Key Vault secret webhook-sender-{name}-secret. Empty: no webhook sender.')
param webhookSenders string[] = []

@description('Receivers of the outbound call events: {name, url}; each signing secret is Key Vault secret event-endpoint-{name}-secret. Empty: events go to the Service Bus topic only.')
param eventEndpoints object[] = []

@description('The address Twilio and agents see, with a trailing slash. Empty: https://<function app>.azurewebsites.net/.')
param publicBaseUrl string = ''

@description('Client id of the Entra app registration that signs agents in to the baton pages (App Service authentication). Empty: no sign-in in front of them (the link alone opens them).')
param agentSignInClientId string = ''

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

// The work queues: exactly the queues of Connectors.Core.Queues.QueueNames that a Core IWorkItemHandler consumes
// (the Functions app has one Service Bus trigger per handled queue). This one list creates the queues and, through
// the Service Bus module's output, grants the app Sender and Receiver on each.
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
]

// App settings, named as the app binds them: <options section>__<property> (see local.settings.sample.json).
// Secrets live in the *Secrets objects only (setting name -> Key Vault secret name) and reach the app as Key Vault
// references. The provider parameters pick settings and secrets from the same entry, so a deployment never
// references a secret it does not use, nor misses one it does.
var crmSettings = {
  salesforce: {
    Crm__Provider: 'Salesforce'
    Salesforce__MyDomainUrl: salesforceMyDomainUrl
    Salesforce__ClientId: salesforceClientId
    Salesforce__DefaultCountryCode: defaultCountryCode
    // The agent page links the record in Lightning and may sit in the console's side panel.
    Baton__SalesforceLightningUrl: replace(salesforceMyDomainUrl, '.my.salesforce.com', '.lightning.force.com')
    Baton__FrameAncestors__0: replace(salesforceMyDomainUrl, '.my.salesforce.com', '.lightning.force.com')
  }
  zendesk: union({
    Crm__Provider: 'Zendesk'
    Zendesk__BaseUrl: zendeskBaseUrl
    Zendesk__AuthMode: zendeskAuthMode
    Zendesk__DefaultCountryCode: defaultCountryCode
    // The agent page links the ticket in the agent workspace and may sit in its apps panel.
    Baton__ZendeskAgentUrl: zendeskBaseUrl
    Baton__FrameAncestors__0: zendeskBaseUrl
  }, zendeskAuthMode == 'ApiToken' ? {
    Zendesk__Email: zendeskEmail
  } : {})
}
var zendeskSecrets = {
  ApiToken: {
    Zendesk__ApiToken: 'zendesk-api-token'
  }
  OAuth: {
    Zendesk__OAuthAccessToken: 'zendesk-oauth-access-token'
  }
}
var crmSecrets = {
  salesforce: {
    Salesforce__ClientSecret: 'salesforce-client-secret'
  }
  zendesk: zendeskSecrets[zendeskAuthMode]
}

var smsSettings = {
  // Twilio takes exactly one sender; a Messaging Service, when given, is it.
  twilio: union({
    Sms__Provider: 'Twilio'
    Sms__Twilio__AccountSid: twilioAccountSid
  }, empty(twilioMessagingServiceSid) ? {
    Sms__Twilio__FromNumber: twilioFromNumber
  } : {
    Sms__Twilio__MessagingServiceSid: twilioMessagingServiceSid
  })
  acs: {
    Sms__Provider: 'Acs'
    Sms__Acs__Endpoint: acsEndpoint
    Sms__Acs__FromNumber: acsFromNumber
  }
}
var smsSecrets = {
  twilio: {
    Sms__Twilio__AuthToken: 'twilio-auth-token'
  }
  acs: {
    Sms__Acs__AccessKey: 'acs-access-key'
  }
}

var callSettings = {
  Calls__DefaultCountryCode: defaultCountryCode
  Calls__TurnBudget: turnBudget
}
var passcodeSettings = union({
  StepUp__Passcodes__DefaultCountryCode: defaultCountryCode
}, toObject(range(0, length(smsCountryAllowList)), i => 'StepUp__Passcodes__SmsCountryAllowList__${i}', i => smsCountryAllowList[i]))
var stepUpSecrets = {
  // The key of every passcode and lockout hash: base64 of at least 32 random bytes.
  StepUp__HashKey: 'step-up-hash-key'
}

var biometricSettings = toObject(biometricVendors, vendor => 'Biometrics__Vendors__${vendor.name}__MinimumScore', vendor => vendor.minimumScore)
var biometricSecrets = toObject(biometricVendors, vendor => 'Biometrics__Vendors__${vendor.name}__Secret', vendor => 'biometric-vendor-${toLower(vendor.name)}-secret')

// The inbound platforms: Twilio's signatures are checked against the public address and the account's Auth Token;
// agent links are built on the same address.
var publicUrl = empty(publicBaseUrl) ? 'https://${names.functionApp}.azurewebsites.net/' : publicBaseUrl
var channelSettings = {
  Channels__Twilio__PublicBaseUrl: publicUrl
  Baton__AgentLinkBaseUrl: publicUrl
  // Every request reaches the app from App Service's front end: failed agent-link lookups are counted by the caller's address it forwards.
  Baton__TrustForwardedFor: 'true'
}
var channelSecrets = {
  Channels__Twilio__AuthToken: 'twilio-channel-auth-token'
}
var webhookSecrets = toObject(webhookSenders, sender => 'Channels__Webhooks__Senders__${sender}__Secret', sender => 'webhook-sender-${toLower(sender)}-secret')

var eventEndpointSecrets = toObject(eventEndpoints, endpoint => 'Events__Endpoints__${endpoint.name}__Secret', endpoint => 'event-endpoint-${toLower(endpoint.name)}-secret')
var eventEndpointSettings = toObject(eventEndpoints, endpoint => 'Events__Endpoints__${endpoint.name}__Url', endpoint => endpoint.url)

var secretSettings = union(crmSecrets[crmProvider], smsSecrets[smsProvider], stepUpSecrets, biometricSecrets, channelSecrets, webhookSecrets, eventEndpointSecrets)

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
    eventsTopicName: serviceBus.outputs.eventsTopicName
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
    appSettings: union(crmSettings[crmProvider], smsSettings[smsProvider], callSettings, passcodeSettings, biometricSettings, channelSettings, eventEndpointSettings, {
      // Passcode e-mail goes through Graph as the app's identity: no client secret exists to store or rotate.
      Email__Graph__SenderMailbox: emailSenderMailbox
      Email__Graph__ManagedIdentityClientId: identity.outputs.clientId
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Storage__ManagedIdentityClientId: identity.outputs.clientId
      Storage__TablePrefix: ''
      ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      Events__ServiceBusTopic: serviceBus.outputs.eventsTopicName
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identity.outputs.clientId
    })
  }
}

module agentAuth 'modules/agentauth.bicep' = if (!empty(agentSignInClientId)) {
  name: 'agentauth'
  params: {
    siteName: functionApp.outputs.name
    tenantId: tenant().tenantId
    clientId: agentSignInClientId
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output identityClientId string = identity.outputs.clientId

@description('Object id of the app\'s identity: the principal that needs Microsoft Graph Mail.Send for passcode e-mail.')
output identityPrincipalId string = identity.outputs.principalId
output keyVaultName string = keyVault.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output appInsightsName string = monitoring.outputs.appInsightsName

@description('Secret names the app\'s settings reference; each must be set in the vault before the app can use it.')
output vaultEntriesToSet string[] = [for setting in items(secretSettings): setting.value]
