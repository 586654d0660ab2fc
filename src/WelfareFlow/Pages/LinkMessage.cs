namespace WelfareFlow.Pages;

/// <summary>A link page that only says something: an invalid link, someone else's page, not found, too many tries.</summary>
public sealed record LinkMessage(PageText Text, string Home, string Title, string Body);
