// Every role the app's identity holds, each on the narrowest scope that works. The queue grants loop over the
// queues the Service Bus module created, so a queue added to main.bicep brings its grants with it and the app
// holds nothing on the namespace itself.

@description('Principal (object) id of the app\'s user-assigned identity.')
param principalId string

param storageAccountName string
param serviceBusNamespaceName string

@description('Queues the app sends to and listens on: it gets Sender and Receiver on each, nothing on the namespace.')
param queueNames string[]

@description('The outbound events topic: the app gets Sender on it, nothing else.')
param eventsTopicName string

param keyVaultName string
param appInsightsName string

@description('Also grant Azure Service Bus Data Owner on the namespace, which lets the scale controller read queue lengths. Off, scaling estimates by peeking, which is less accurate but needs no owner rights.')
param serviceBusOwnerForScaling bool = false

@description('Object id of the person, group or pipeline that stores the secrets (Key Vault Secrets Officer on the vault). Empty grants nobody.')
param vaultWriterPrincipalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
param vaultWriterPrincipalType string = 'User'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Blob Data Owner: the Functions host's leases and keys, and the Flex deployment package.
// Queue Data Contributor: Durable Functions' control and work-item queues.
// Table Data Contributor: Durable Functions' history and instances, and the connector's own tables.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [for queueName in queueNames: {
  parent: namespace
  name: queueName
}]

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = {
  parent: namespace
  name: eventsTopicName
}

resource topicSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventsTopic.id, principalId, roles.serviceBusDataSender)
  scope: eventsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, principalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

resource queueSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queueName, i) in queueNames: {
  name: guid(queues[i].id, principalId, roles.serviceBusDataSender)
  scope: queues[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

resource queueReceive 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queueName, i) in queueNames: {
  name: guid(queues[i].id, principalId, roles.serviceBusDataReceiver)
  scope: queues[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

resource namespaceOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (serviceBusOwnerForScaling) {
  name: guid(namespace.id, principalId, roles.serviceBusDataOwner)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The vault holds only this app's secrets, so the vault is the narrowest scope that survives secrets being
// created after this deployment (a per-secret grant needs the secret to exist first).
resource secretsRead 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsWrite 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultWriterPrincipalId)) {
  name: guid(vault.id, vaultWriterPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: vaultWriterPrincipalId
    principalType: vaultWriterPrincipalType
  }
}

resource telemetryPublish 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
