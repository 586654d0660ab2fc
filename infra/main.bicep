// WelfareFlow on Azure: `azd up` provisions this, then deploys src/WelfareFlow.Functions as service `api`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of the resource group name and of the resource token.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets data access for local runs and the keys.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

// The app refuses keys shorter than 32 characters. azd's secretOrRandomPassword makes 15 (5 lower, 5 upper,
// 5 digits: cli/azd/pkg/tools/cmdsubst/secretOrRandomPassword.go), so azd generates these itself: 48 letters and
// digits, once, kept in the azd environment's config (infra.parameters.*) and passed again on every provision.
// No default on purpose: azd generates only parameters without one; a bare `az deployment` must pass both.
@secure()
@minLength(32)
@description('Key that signs emailed district and judge links. Rotating it invalidates every link sent.')
@metadata({
  azd: {
    type: 'generate'
    config: { length: 48, noSpecial: true }
  }
})
param signingKey string

@secure()
@minLength(32)
@description('Operator API key (X-Api-Key).')
@metadata({
  azd: {
    type: 'generate'
    config: { length: 48, noSpecial: true }
  }
})
param operatorApiKey string

@minLength(3)
@maxLength(45)
@description('Durable task hub name: letters and digits, starting with a letter.')
param taskHubName string = 'WelfareFlow'

param mailFrom string = 'welfareflow@example.org'

@description('SMTP relay host; empty until the city\'s relay is known (set it later as an app setting).')
param mailSmtpHost string = ''

param mailSmtpPort int = 587

@minValue(40)
@maxValue(1000)
@description('Flex Consumption scale-out ceiling.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'welfareflow'
}
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
// Names are computed here, not read from module outputs, so What-If can predict the modules that use them.
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    signingKey: signingKey
    operatorApiKey: operatorApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
  ]
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    signingKeySecretUri: keyVault.outputs.signingKeySecretUri
    operatorApiKeySecretUri: keyVault.outputs.operatorApiKeySecretUri
    taskHubName: taskHubName
    mailFrom: mailFrom
    mailSmtpHost: mailSmtpHost
    mailSmtpPort: mailSmtpPort
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host reaches storage, Key Vault and App Insights on its first start: the resources
  // and the roles must exist first (names are passed as strings, so Bicep cannot infer this).
  dependsOn: [
    storage
    monitoring
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_ENDPOINT_URL string = api.outputs.uri
output FUNCTION_APP_URL string = api.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output WELFAREFLOW_TASK_HUB string = taskHubName
