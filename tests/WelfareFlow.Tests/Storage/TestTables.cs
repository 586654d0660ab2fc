using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Storage;

/// <summary>The product's tables under a task hub of their own, so tests sharing one Azurite do not see each other.</summary>
public static class TestTables
{
    public static WelfareTables Create(string connectionString) =>
        new(StorageAccount.FromConnectionString(connectionString), Options.Create(new WelfareFlowOptions { TaskHub = "t" + Guid.NewGuid().ToString("N")[..12] }));
}
