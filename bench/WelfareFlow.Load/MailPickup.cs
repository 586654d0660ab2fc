using System.Text.RegularExpressions;
using MimeKit;

namespace WelfareFlow.Load;

/// <summary>The Server's mail pickup folder read as the participants' inboxes: the link tokens, as a person would
/// click them. Each file is parsed once.</summary>
public sealed partial class MailPickup(string folder)
{
    public sealed record Mail(string To, string Kind, string Token, DateTime WrittenAt);

    readonly Dictionary<string, Mail?> seen = new(StringComparer.Ordinal);

    /// <summary>Waits until every address in <paramref name="addresses"/> has a mail of <paramref name="kind"/>; returns them by address.</summary>
    public async Task<Dictionary<string, Mail>> WaitForAsync(string kind, IReadOnlyCollection<string> addresses, TimeSpan timeout, Action<int>? onProgress = null)
    {
        var wanted = addresses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var until = DateTime.UtcNow + timeout;
        var reported = 0;
        while (true)
        {
            var found = Scan().Where(m => m.Kind == kind && wanted.Contains(m.To))
                .GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.OrderBy(m => m.WrittenAt).Last(), StringComparer.OrdinalIgnoreCase);
            if (found.Count != reported) onProgress?.Invoke(found.Count - reported);
            reported = found.Count;
            if (found.Count >= wanted.Count) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{found.Count} of {wanted.Count} '{kind}' mails arrived in {timeout}.");
            await Task.Delay(50);
        }
    }

    IEnumerable<Mail> Scan()
    {
        if (!Directory.Exists(folder)) return [];
        foreach (var path in Directory.EnumerateFiles(folder, "*.eml"))
        {
            if (seen.ContainsKey(path)) continue;
            try
            {
                var message = MimeMessage.Load(path);
                var token = LinkToken().Match(message.TextBody ?? "");
                seen[path] = new Mail(message.To.Mailboxes.Single().Address, message.Headers["X-WelfareFlow-Kind"] ?? "",
                    token.Success ? token.Groups[1].Value : "", File.GetLastWriteTimeUtc(path));
            }
            catch (Exception e) when (e is IOException or FormatException or InvalidOperationException)
            {
                // Still being written: read it on the next pass.
            }
        }

        return seen.Values.OfType<Mail>();
    }

    [GeneratedRegex(@"/(?:submit|judge)/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkToken();
}
