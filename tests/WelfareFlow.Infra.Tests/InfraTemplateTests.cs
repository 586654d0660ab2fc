using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WelfareFlow.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class InfraTemplateTests(CompiledTemplate template)
{
    private static readonly string[] RequiredAppSettings =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "WelfareFlow__SigningKey",
        "WelfareFlow__OperatorApiKey",
        "WelfareFlow__TaskHub",
        "WelfareFlow__PublicBaseUrl",
        "Mail__From",
        "Mail__Smtp__Host",
    ];

    private JsonObject AppSettings =>
        Assert.Single(template.ResourcesOfType("Microsoft.Web/sites/config"), r => ((string?)r["name"])!.Contains("appsettings", StringComparison.Ordinal))["properties"]!.AsObject();

    [Theory]
    [MemberData(nameof(RequiredSettingNames))]
    public void AppSettings_RequiredSetting_IsPresent(string name) =>
        Assert.True(AppSettings.ContainsKey(name), $"app setting {name} missing");

    public static TheoryData<string> RequiredSettingNames() => [.. RequiredAppSettings];

    [Fact]
    public void AppSettings_NoValue_CarriesAKeyOrConnectionString()
    {
        string[] forbidden = ["AccountKey=", "InstrumentationKey=", "DefaultEndpointsProtocol=", "SharedAccessSignature=", "SharedAccessKey=", "listKeys(", "listkeys(", "UseDevelopmentStorage"];
        foreach (var (name, value) in AppSettings)
        {
            var text = value?.ToJsonString() ?? string.Empty;
            foreach (var f in forbidden)
            {
                Assert.False(text.Contains(f, StringComparison.OrdinalIgnoreCase), $"app setting {name} contains '{f}': {text}");
            }
        }

        Assert.False(AppSettings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage must be identity-based (__accountName …), not a connection string");
    }

    [Fact]
    public void Template_NowhereListsKeys()
    {
        var text = template.Root.ToJsonString();
        Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listSecrets(", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("WelfareFlow__SigningKey")]
    [InlineData("WelfareFlow__OperatorApiKey")]
    public void AppSettings_Secret_IsKeyVaultReference(string name)
    {
        var value = (string?)AppSettings[name];
        Assert.NotNull(value);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", value, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_SecretLookingLiterals_AreAbsent()
    {
        // A literal (non-expression) value of a setting named like a secret would be a secret in source control.
        foreach (var (name, value) in AppSettings)
        {
            if (SecretName().IsMatch(name) && value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                Assert.True(s.StartsWith('['), $"app setting {name} has a literal value");
            }
        }
    }

    [Fact]
    public void AppSettings_StorageCredential_IsManagedIdentity()
    {
        Assert.Equal("managedidentity", (string?)AppSettings["AzureWebJobsStorage__credential"]);
        Assert.Contains("Authorization=AAD", (string?)AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_RunsOnFlexConsumption_WithDotnetIsolated10_AndIdentityDeployment()
    {
        var plan = Assert.Single(template.ResourcesOfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);

        var site = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites"));
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var properties = site["properties"]!;
        Assert.True((bool?)properties["httpsOnly"]);
        Assert.NotNull(properties["keyVaultReferenceIdentity"]);
        var config = properties["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", ResolveParameterDefault(site, config["runtime"]!["version"]));
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
    }

    [Fact]
    public void Storage_DisallowsSharedKeyAndPublicBlobs_AndRequiresTls12()
    {
        var storage = Assert.Single(template.ResourcesOfType("Microsoft.Storage/storageAccounts"));
        var p = storage["properties"]!;
        Assert.False((bool?)p["allowSharedKeyAccess"]);
        Assert.False((bool?)p["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
        Assert.Single(template.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices"));
        Assert.Single(template.ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices"));
    }

    [Fact]
    public void Monitoring_DisablesLocalAuth()
    {
        var insights = Assert.Single(template.ResourcesOfType("Microsoft.Insights/components"));
        Assert.True((bool?)insights["properties"]!["DisableLocalAuth"]);
        var workspace = Assert.Single(template.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
        Assert.True((bool?)workspace["properties"]!["features"]!["disableLocalAuth"]);
    }

    [Fact]
    public void KeyVault_UsesRbac_AndHoldsBothSecrets()
    {
        var vault = Assert.Single(template.ResourcesOfType("Microsoft.KeyVault/vaults"));
        Assert.True((bool?)vault["properties"]!["enableRbacAuthorization"]);
        var names = template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets").Select(r => r["name"]!.ToJsonString()).ToList();
        Assert.Contains(names, n => n.Contains("SigningKey", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("OperatorApiKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    public void Rbac_AppIdentity_HoldsRole(string roleId, string roleName)
    {
        var rbac = Assert.Single(template.ResourcesOfType("Microsoft.Resources/deployments"), d => (string?)d["name"] == "rbac");
        Assert.True(rbac.ToJsonString().Contains(roleId, StringComparison.Ordinal), $"role {roleName} ({roleId}) not assigned");
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_ENDPOINT_URL")]
    [InlineData("FUNCTION_APP_URL")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    public void Outputs_AzdOutput_IsPresent(string name) =>
        Assert.True(template.Root["outputs"]!.AsObject().ContainsKey(name), $"output {name} missing");

    [Fact]
    public void Outputs_AreUpperSnake()
    {
        foreach (var (name, _) in template.Root["outputs"]!.AsObject())
        {
            Assert.Matches(UpperSnake(), name);
        }
    }

    [Fact]
    public void ParametersFile_BindsAzdEnvironment_AndOnlyKnownParameters()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = template.Root["parameters"]!.AsObject();

        Assert.Equal("${AZURE_ENV_NAME}", (string?)file["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)file["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)file["principalId"]!["value"]);
        foreach (var (name, _) in file)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets unknown parameter {name}");
        }

        Assert.Equal("subscriptionDeploymentTemplate.json#", ((string?)template.Root["$schema"])!.Split('/')[^1]);
    }

    /// <summary>The app refuses keys under 32 characters. azd generates a parameter only when the parameters file
    /// does not set it and the template gives no default; its <c>secretOrRandomPassword</c> makes 15 characters.</summary>
    [Theory]
    [InlineData("signingKey")]
    [InlineData("operatorApiKey")]
    public void KeyParameter_GeneratedByAzd_AtLeast32Characters(string name)
    {
        var parameter = template.Root["parameters"]![name]!.AsObject();
        var azd = parameter["metadata"]?["azd"];

        Assert.Equal("securestring", (string?)parameter["type"]);
        Assert.Equal("generate", (string?)azd?["type"]);
        Assert.InRange((int?)azd?["config"]?["length"] ?? 0, 32, 256);
        Assert.True((int?)parameter["minLength"] >= 32, $"{name} lacks @minLength(32): a bare deployment could pass a short key");
        Assert.False(parameter.ContainsKey("defaultValue"), $"{name} has a default, so azd would not generate it");
        var file = File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json"));
        Assert.DoesNotContain("secretOrRandomPassword", file, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(file)!["parameters"]!.AsObject().ContainsKey(name), $"main.parameters.json sets {name}, so azd would not generate it");
    }

    [Fact]
    public void AzureYaml_DeclaresApiFunctionService()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        Assert.Matches(@"(?m)^\s{2}api:\s*$", yaml);
        Assert.Matches(@"(?m)^\s+project:\s*\.?/?src/WelfareFlow\.Functions/?\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "src", "WelfareFlow.Functions")));
    }

    // The site's runtime version is a module parameter: follow "[parameters('x')]" to its default.
    private string? ResolveParameterDefault(JsonObject site, JsonNode? value)
    {
        var text = (string?)value;
        var match = text is null ? null : ParameterRef().Match(text);
        if (match is not { Success: true })
        {
            return (string?)value;
        }

        var module = template.ResourcesOfType("Microsoft.Resources/deployments")
            .Single(d => d["properties"]!["template"]!.ToJsonString().Contains(site["type"]!.ToJsonString(), StringComparison.Ordinal));
        var passed = module["properties"]!["parameters"]?[match.Groups[1].Value]?["value"];
        return (string?)(passed ?? module["properties"]!["template"]!["parameters"]![match.Groups[1].Value]!["defaultValue"]);
    }

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterRef();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("(?i)(key|secret|password|token)")]
    private static partial Regex SecretName();
}
