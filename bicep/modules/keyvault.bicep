// Third-party secrets (CRM, SMS, biometric vendors) and the step-up hash key. The app reads them through
// Key Vault references in its settings; the vault is RBAC-only and holds nothing but this app's secrets.

@description('Vault name: 3-24 letters, digits and hyphens, starting with a letter, globally unique.')
param name string

param location string
param tags object

@description('Keeps a deleted vault and its secrets recoverable for the retention period. Once on it cannot be turned off.')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The service refuses an explicit false here, so "off" means leaving the property out.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
