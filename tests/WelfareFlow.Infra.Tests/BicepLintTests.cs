namespace WelfareFlow.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepLintTests(CompiledTemplate template)
{
    [Fact]
    public void Build_MainTemplate_SucceedsWithoutDiagnostics()
    {
        Assert.True(template.Build.ExitCode == 0, "bicep build failed:\n" + template.Build.StdErr);
        Assert.Empty(template.Build.Diagnostics);
        Assert.DoesNotContain("Warning", template.Build.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", template.Build.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lint_MainTemplateAndModules_ReportsNothing()
    {
        var lint = BicepCli.Run(RepoPaths.Infra, "lint", RepoPaths.MainBicep);

        Assert.True(lint.ExitCode == 0, "bicep lint failed:\n" + lint.StdErr + lint.StdOut);
        Assert.Empty(lint.Diagnostics);
        Assert.DoesNotContain("Warning", lint.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", lint.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lint_FileWithUnusedParameter_IsCaughtAsDiagnostic()
    {
        // bicep lint exits 0 on warnings: this proves the check above reads them, with the
        // project's own bicepconfig.json.
        var dir = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Infra, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var file = Path.Combine(dir.FullName, "bad.bicep");
            File.WriteAllText(file, "param unusedName string\n\noutput OK string = 'ok'\n");

            var lint = BicepCli.Run(dir.FullName, "lint", file);

            Assert.Contains(lint.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void BicepConfig_SecretRules_AreErrors()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!;

        foreach (var rule in new[] { "outputs-should-not-contain-secrets", "secure-parameter-default", "use-secure-value-for-secure-inputs", "secure-secrets-in-params" })
        {
            Assert.Equal("error", (string?)rules[rule]?["level"]);
        }
    }
}
