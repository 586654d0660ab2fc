using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Storage;

/// <summary>The product's tables, named after the task hub so several hubs can share one account.</summary>
public sealed class WelfareTables
{
    readonly TableServiceClient service;
    readonly string prefix;
    readonly Lazy<Task> created;

    public WelfareTables(StorageAccount account, IOptions<WelfareFlowOptions> options)
    {
        service = account.CreateTableServiceClient();
        prefix = new string(options.Value.TaskHub.Where(char.IsAsciiLetterOrDigit).ToArray());
        Rounds = Table("Rounds");
        Districts = Table("Districts");
        Judges = Table("Judges");
        Cases = Table("Cases");
        Scores = Table("Scores");
        Results = Table("Results");
        Outbox = Table("Outbox");
        Audit = Table("Audit");
        created = new Lazy<Task>(CreateAllAsync);
    }

    public TableClient Rounds { get; }
    public TableClient Districts { get; }
    public TableClient Judges { get; }
    public TableClient Cases { get; }
    public TableClient Scores { get; }
    public TableClient Results { get; }
    public TableClient Outbox { get; }
    public TableClient Audit { get; }

    IEnumerable<TableClient> All => [Rounds, Districts, Judges, Cases, Scores, Results, Outbox, Audit];

    /// <summary>Creates the tables once per process; later calls return the same task.</summary>
    public Task EnsureCreatedAsync() => created.Value;

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Rounds.QueryAsync<RoundRow>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstOrDefaultAsync(cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException)
        {
            return false;
        }
    }

    TableClient Table(string name) => service.GetTableClient(prefix + name);

    async Task CreateAllAsync() => await Task.WhenAll(All.Select(t => t.CreateIfNotExistsAsync()));
}
