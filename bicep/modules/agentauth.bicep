// Entra ID sign-in (App Service authentication, "Easy Auth") in front of the agent view. Only the baton pages and their
// JSON need a signed-in person; the platforms' paths keep their own checks (function keys, Twilio and webhook
// signatures), so they are excluded and a sign-in redirect can never break a call flow.

@description('Name of the Function App to protect.')
param siteName string

@description('Entra tenant (directory) id whose users may open agent links.')
param tenantId string

@description('Client (application) id of the app registration for agent sign-in (ID tokens enabled; redirect URI https://<app host>/.auth/login/aad/callback).')
param clientId string

@description('Paths that never ask for sign-in: everything a platform or the voice AI calls.')
param excludedPaths string[] = [
  '/api/health'
  '/api/channels'
  '/api/calls'
]

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: excludedPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
          clientId: clientId
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}
