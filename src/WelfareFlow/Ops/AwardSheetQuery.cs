using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>Which page of the award sheet's long lists (cases without a tier; the cases' charts), and whether to show
/// only the cases whose tier depends on the method.</summary>
public sealed record AwardSheetQuery(int? Page, int? CasesPage, bool OnlyChanging)
{
    public static AwardSheetQuery From(IQueryCollection query) =>
        new(Paging.Parse(query["page"]), Paging.Parse(query["casesPage"]), query["changing"] == "1");

    public string Href(string roundId, int? page = null, int? casesPage = null, string? anchor = null)
    {
        var parts = new List<string>();
        if ((page ?? Page) is { } p and > 1) parts.Add("page=" + p.ToString(CultureInfo.InvariantCulture));
        if ((casesPage ?? CasesPage) is { } c and > 1) parts.Add("casesPage=" + c.ToString(CultureInfo.InvariantCulture));
        if (OnlyChanging) parts.Add("changing=1");
        return $"/ops/rounds/{Uri.EscapeDataString(roundId)}/award-sheet" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts)) + (anchor is null ? "" : "#" + anchor);
    }
}
