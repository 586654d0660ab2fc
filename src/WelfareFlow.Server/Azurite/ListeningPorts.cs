using System.Globalization;
using System.Text.RegularExpressions;

namespace WelfareFlow.Server.Azurite;

/// <summary>Learns the ports Azurite actually listens on (they differ from the requested ones when those are 0).</summary>
internal sealed partial class ListeningPorts
{
    private readonly TaskCompletionSource<(int Blob, int Queue, int Table)> _all =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Lock _gate = new();
    private int? _blob;
    private int? _queue;
    private int? _table;

    public Task<(int Blob, int Queue, int Table)> Task => _all.Task;

    public void Observe(string line)
    {
        var match = ListeningLine().Match(line);
        if (!match.Success)
        {
            return;
        }

        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            switch (match.Groups["service"].Value)
            {
                case "Blob": _blob = port; break;
                case "Queue": _queue = port; break;
                default: _table = port; break;
            }

            if (_blob is { } blob && _queue is { } queue && _table is { } table)
            {
                _all.TrySetResult((blob, queue, table));
            }
        }
    }

    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at \S+:(?<port>\d+)/?\s*$")]
    private static partial Regex ListeningLine();
}
