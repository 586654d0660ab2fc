using System.Text.RegularExpressions;
using MimeKit;

namespace WelfareFlow.Tests.Support;

/// <summary>The Server's pickup folder read as a person's inbox: whole .eml files, parsed with MimeKit.</summary>
public sealed partial class Mailbox(string folder)
{
    public string Folder { get; } = folder;

    public sealed record Message(string File, string To, string Kind, string Subject, string Text, string Html, DateTime WrittenAt);

    public IReadOnlyList<Message> All()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.GetFiles(Folder, "*.eml").Select(path =>
        {
            var message = MimeMessage.Load(path);
            return new Message(Path.GetFileName(path), message.To.Mailboxes.Single().Address, message.Headers["X-WelfareFlow-Kind"] ?? "",
                message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "", File.GetLastWriteTimeUtc(path));
        }).ToList();
    }

    public IReadOnlyList<Message> OfKind(string kind) => All().Where(m => m.Kind == kind).ToList();

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages of a kind are there.</summary>
    public async Task<IReadOnlyList<Message>> WaitForAsync(string kind, int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var found = OfKind(kind);
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Expected {count} '{kind}' emails in {Folder}, found {found.Count}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The token of the link in a message (<c>/submit/{token}</c> or <c>/judge/{token}</c>).</summary>
    public static string LinkToken(Message message, string purpose)
    {
        var match = Regex.Match(message.Text, $@"/{purpose}/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)");
        Assert.True(match.Success, $"No /{purpose}/ link in {message.File}");
        return match.Groups[1].Value;
    }
}
