// Log Analytics, workspace-based Application Insights with Entra-only ingestion, the contract-signals workbook,
// and (when an address is given) the action group alerts notify.

param logAnalyticsName string
param appInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Title of the workbook in the portal; unique within the resource group.')
param workbookDisplayName string

@description('Address that alerts e-mail; empty creates no action group and alerts only show in the portal.')
param alertEmail string = ''

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Only Entra-authenticated telemetry is accepted: the app's identity holds Monitoring Metrics Publisher.
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(appInsights.id, 'connectors-contract-signals')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: workbookDisplayName
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: replace(loadTextContent('../workbooks/contract-signals.json'), '__APP_INSIGHTS_ID__', appInsights.id)
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${appInsightsName}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'connectors'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

output appInsightsName string = appInsights.name
output appInsightsId string = appInsights.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output workbookId string = workbook.id
output actionGroupId string = !empty(alertEmail) ? actionGroup.id : ''
