// Dead letters are the one failure Service Bus cannot hide from: work (a screen-pop prefetch today) that failed
// every delivery. Someone has to look, and replay or discard it.

param namePrefix string
param tags object

@description('Resource id of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('Action group to notify; empty raises the alert in the portal only.')
param actionGroupId string = ''

resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'A work queue holds dead-lettered messages. Read <queue>/$deadletterqueue (DeadLetterReason says why), fix the cause, then resend or discard.'
    severity: 2
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'DeadLetteredMessages'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: empty(actionGroupId) ? [] : [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}
