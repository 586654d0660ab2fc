using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Storage;

/// <summary>The product's tables, named after the task hub so several hubs can share one account.</summary>
public sealed class WelfareTables
{
    readonly TableServiceClient service;
    readonly string prefix;
    readonly CreatedOnce created;

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
        SignedOut = Table("SignedOut");
        ScoreInserts = new GroupInserts(Scores);
        AuditInserts = new GroupInserts(Audit);
        created = new CreatedOnce(CreateAllAsync);
    }

    public TableClient Rounds { get; }
    public TableClient Districts { get; }
    public TableClient Judges { get; }
    public TableClient Cases { get; }
    public TableClient Scores { get; }
    public TableClient Results { get; }
    public TableClient Outbox { get; }
    public TableClient Audit { get; }

    /// <summary>First scores and audit entries: many at once on a busy round, so they share transactions.</summary>
    public GroupInserts ScoreInserts { get; }
    public GroupInserts AuditInserts { get; }

    /// <summary>Dashboard sessions ended by signing out, until their cookie would have expired anyway.</summary>
    public TableClient SignedOut { get; }

    IEnumerable<TableClient> All => [Rounds, Districts, Judges, Cases, Scores, Results, Outbox, Audit, SignedOut];

    /// <summary>Creates the tables once per process; a failed creation is tried again by the next caller.</summary>
    public Task EnsureCreatedAsync() => created.EnsureAsync();

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
