namespace WelfareFlow.Mail;

/// <summary>The final table in the judges' thank-you email: bilingual column headers and one row per ranked case.</summary>
public sealed record MailTable(IReadOnlyList<string> Headers, IReadOnlyList<EmailTemplates.FinalTableRow> Rows);
