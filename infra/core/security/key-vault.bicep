// Key Vault in RBAC mode holding the product's two secrets. The app reads them through
// Key Vault references resolved with the user-assigned identity.
param name string
param location string
param tags object = {}

@secure()
@description('HMAC key that signs the links emailed to districts and judges.')
param signingKey string

@secure()
@description('Key operators send as X-Api-Key.')
param operatorApiKey string

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
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource signingKeySecret 'secrets' = {
    name: 'SigningKey'
    properties: {
      value: signingKey
      contentType: 'text/plain'
    }
  }

  resource operatorApiKeySecret 'secrets' = {
    name: 'OperatorApiKey'
    properties: {
      value: operatorApiKey
      contentType: 'text/plain'
    }
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless URIs: a rotated secret is picked up without redeploying the app settings.
output signingKeySecretUri string = vault::signingKeySecret.properties.secretUri
output operatorApiKeySecretUri string = vault::operatorApiKeySecret.properties.secretUri
