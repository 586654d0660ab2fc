using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Pages;

namespace WelfareFlow.Mail;

/// <summary>Renders an email's HTML part from <see cref="Components.MailBody"/> with the pages' component renderer.
/// Mail is composed inside activities, which have no request services: the renderer gets a small container of its own.</summary>
static class MailHtml
{
    static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static string Render(string subject, MailText.Part korean, MailText.Part english, string? link, MailTable? table) =>
        // Synchronously: templates are plain functions of their words; the renderer completes without I/O.
        ComponentHtml.RenderAsync<Components.MailBody>(Services, new Dictionary<string, object?>
        {
            [nameof(Components.MailBody.Subject)] = subject,
            [nameof(Components.MailBody.Korean)] = korean,
            [nameof(Components.MailBody.English)] = english,
            [nameof(Components.MailBody.Link)] = link,
            [nameof(Components.MailBody.Table)] = table,
        }).GetAwaiter().GetResult();
}
