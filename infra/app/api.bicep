// The WelfareFlow Functions app (service `api` in azure.yaml) on Flex Consumption.
// Every connection is identity-based through one user-assigned identity; the two product
// secrets come from Key Vault references. No key or connection string is written here.
param name string
param location string
param tags object = {}

param planId string

@description('Resource id, client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param storageAccountName string
param deploymentContainerName string

param applicationInsightsName string

param signingKeySecretUri string
param operatorApiKeySecretUri string

@minLength(3)
@maxLength(45)
param taskHubName string

param mailFrom string
param mailSmtpHost string
param mailSmtpPort int

@description('dotnet-isolated runtime version on the Flex plan.')
param runtimeVersion string = '10.0'

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex scale-out; the cost ceiling.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    // Flex Consumption rejects most classic siteConfig knobs (runtime, alwaysOn, …); TLS is one it keeps.
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage and the Durable task hub, identity-based (no AccountKey anywhere).
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Telemetry: local auth is disabled, so ingestion authenticates as the identity.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // The product's settings (DESIGN §5 configuration keys; `__` for `:`).
      WelfareFlow__SigningKey: '@Microsoft.KeyVault(SecretUri=${signingKeySecretUri})'
      WelfareFlow__OperatorApiKey: '@Microsoft.KeyVault(SecretUri=${operatorApiKeySecretUri})'
      WelfareFlow__TaskHub: taskHubName
      WelfareFlow__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
      Mail__From: mailFrom
      Mail__Smtp__Host: mailSmtpHost
      Mail__Smtp__Port: string(mailSmtpPort)
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
