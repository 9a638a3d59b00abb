// The work queues main.bicep lists (each one a Core handler consumes). Standard tier, because duplicate
// detection needs it; Entra ID only, so no SAS key exists to leak.

import { queueSpec } from 'types.bicep'

@description('Namespace name: 6-50 letters, digits and hyphens, globally unique.')
param name string

param location string
param tags object

@description('The queues to create. Duplicate detection and sessions can only be chosen at creation: changing them later means a new queue.')
param queues queueSpec[]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [for spec in queues: {
  parent: namespace
  name: spec.name
  properties: {
    // The sender sets MessageId from the call and the work, so a retried send inside the window is discarded.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: spec.duplicateDetectionWindow
    requiresSession: false
    maxDeliveryCount: spec.maxDeliveryCount
    lockDuration: spec.lockDuration
    defaultMessageTimeToLive: spec.timeToLive
    deadLetteringOnMessageExpiration: spec.deadLetterOnExpiration
    enableBatchedOperations: true
    enablePartitioning: false
    maxSizeInMegabytes: 1024
  }
}]

@description('The topic the outbound call events (call.recorded, wrapup.parked, ...) are published to, so subscribers can attach.')
param eventsTopicName string = 'call-events'

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: eventsTopicName
  properties: {
    // MessageId is the CloudEvent id (derived from the call and the event), so a republished event inside the window is dropped.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
    enablePartitioning: false
    maxSizeInMegabytes: 1024
  }
}

output name string = namespace.name
output id string = namespace.id

@description('Host name only (no scheme, no port), as ServiceBusConnection__fullyQualifiedNamespace expects.')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('The queues as created; the role assignments are made from this list, so grants follow the queues.')
output queueNames string[] = [for (spec, i) in queues: queue[i].name]

output eventsTopicName string = eventsTopic.name
