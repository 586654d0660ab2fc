using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>What the round page shows: which cases (all, pending scores only, or escalated only), one judge or all,
/// which page of cases and of the audit trail. Anything unreadable falls back to the default, never an error.</summary>
public sealed record RoundPageQuery(string Show, string? Judge, int? Page, int? AuditPage, bool Refresh)
{
    public const string All = "all";
    public const string PendingOnly = "pending";
    public const string EscalatedOnly = "escalated";

    public static RoundPageQuery From(IQueryCollection query) => new(
        query["show"].ToString() is PendingOnly or EscalatedOnly ? query["show"].ToString() : All,
        query["judge"].ToString() is { Length: > 0 } judge ? judge : null,
        Paging.Parse(query["page"]),
        Paging.Parse(query["auditPage"]),
        query["refresh"] != "off");

    /// <summary>The round page's address with this query, changed as given (filters stay when paging).</summary>
    public string Href(string roundId, int? page = null, int? auditPage = null, string? anchor = null)
    {
        var parts = new List<string>();
        if (Show != All) parts.Add("show=" + Show);
        if (Judge is not null) parts.Add("judge=" + Uri.EscapeDataString(Judge));
        if ((page ?? Page) is { } p and > 1) parts.Add("page=" + p.ToString(CultureInfo.InvariantCulture));
        if ((auditPage ?? AuditPage) is { } a and > 1) parts.Add("auditPage=" + a.ToString(CultureInfo.InvariantCulture));
        if (!Refresh) parts.Add("refresh=off");
        return $"/ops/rounds/{Uri.EscapeDataString(roundId)}" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts)) + (anchor is null ? "" : "#" + anchor);
    }
}
