// The Flex Consumption plan and the function app: .NET 10 isolated worker, one user-assigned identity for every
// connection (host storage, deployment package, Service Bus, tables, Key Vault references, telemetry), no keys.

param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the same identity; the __clientId of every identity-based connection.')
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('URL of the blob container the plan deploys the app package from.')
param deploymentContainerUrl string

param appInsightsConnectionString string
param keyVaultName string

@description('The app\'s own settings (name -> value), named as in local.settings.sample.json.')
param appSettings object

@description('Settings whose values live in Key Vault (name -> secret name); each becomes a Key Vault reference.')
param vaultReferences object

@description('Instances kept warm for the HTTP functions (screen pop, gates, health); 0 lets them scale to zero.')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@description('Upper bound on instances. The CRMs\' API quotas bind long before Flex does, and every instance multiplies the per-instance rate limits.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// Flex takes the runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE are deliberately absent.
var platformSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  // Queue and table endpoints are what Durable Functions needs for the wrap-up orchestration.
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The worker's telemetry exporter and any default credential sign in as the same identity.
  AZURE_CLIENT_ID: identityClientId
}

var vaultReferenceSettings = toObject(items(vaultReferences), setting => setting.key, setting => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${setting.value})')

var settings = union(appSettings, vaultReferenceSettings, platformSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(settings): {
        name: setting.key
        value: setting.value
      }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments go through Entra ID (az functionapp deployment source config-zip signs in as the caller), so the
// publishing user name and password are switched off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
