using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>HTML building for the dashboard: every value goes through <see cref="E"/>; no script, one stylesheet.</summary>
public static class OpsHtml
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Strict: nothing but this origin's stylesheet and forms posting back to it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string E(string? value) => value is null ? "" : Encoder.Encode(value);

    public static string Time(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    public static string TimeTag(DateTimeOffset? value) =>
        value is { } v ? $"<time datetime=\"{E(v.ToString("O", CultureInfo.InvariantCulture))}\">{E(Time(v))}</time>" : "—";

    public static string Duration(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalMinutes}m {span.Seconds}s";
    }

    public static string Page(HttpContext http, OpsText text, string title, string body, bool refresh = false, string? csrf = null)
    {
        var path = http.Request.Path.Value ?? "/ops";
        var other = text.IsKorean ? "en" : "ko";
        var query = http.Request.Query.Where(q => q.Key != "lang").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").Append($"lang={other}");
        // The Refresh header rather than a <meta> refresh: pages that refresh also offer a link to stop it (WCAG 2.2.1).
        if (refresh) http.Response.Headers["Refresh"] = "5";
        var html = new StringBuilder();
        html.Append($"<!doctype html><html lang=\"{text.Language}\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>{E(title)} · {E(text["app"])}</title><link rel=\"stylesheet\" href=\"/ops/ops.css\"></head><body>");
        html.Append($"<header class=\"top\"><a class=\"brand\" href=\"/ops\">{E(text["app"])}</a><nav aria-label=\"{E(text["app"])}\">");
        html.Append($"<a href=\"{E(path + "?" + string.Join('&', query))}\" lang=\"{other}\">{E(text["language"])}</a>");
        if (csrf is not null)
        {
            html.Append($"<form method=\"post\" action=\"/ops/sign-out\" class=\"inline\"><input type=\"hidden\" name=\"{OpsSession.CsrfField}\" value=\"{E(csrf)}\"><button type=\"submit\" class=\"link\">{E(text["signOut"])}</button></form>");
        }

        html.Append("</nav></header><main>");
        html.Append(body);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    public static IResult Result(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    public const string Css = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #4f5963; --line: #c9d1d9; --accent: #0b5cad; --ok: #1d6b32; --warn: #8a4b00; --bad: #a4161a; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic", system-ui, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
        header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding: .75rem 1rem; background: #0b3d6e; }
        header.top a, header.top .link { color: #fff; }
        header.top nav { display: flex; gap: 1rem; align-items: center; }
        .brand { font-weight: 700; text-decoration: none; }
        main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
        h1 { font-size: 1.5rem; margin: .25rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        a { color: var(--accent); }
        .scroll { overflow-x: auto; max-width: 100%; }
        .scroll th[scope=row] { min-width: 9rem; }
        .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef2f6; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 0 .5rem; border-radius: .75rem; border: 1px solid currentColor; font-size: .85rem; white-space: nowrap; }
        .ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); } .muted { color: var(--muted); }
        ol.timeline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
        ol.timeline li { border: 1px solid var(--line); border-radius: .5rem; padding: .4rem .6rem; min-width: 11rem; }
        ol.timeline li.done { border-color: var(--ok); }
        ol.timeline li.current { border-width: 2px; border-color: var(--accent); }
        ul.actions { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
        ul.actions a, button { display: inline-block; padding: .45rem .8rem; border: 1px solid var(--accent); border-radius: .4rem; background: #fff; color: var(--accent); font: inherit; text-decoration: none; cursor: pointer; }
        button.primary { background: var(--accent); color: #fff; }
        button.link { border: 0; padding: 0; background: none; text-decoration: underline; }
        form.inline { display: inline; }
        form.action { max-width: 36rem; }
        label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
        label.check { font-weight: 400; display: flex; gap: .5rem; align-items: center; }
        input[type=text], input[type=email], input[type=password], input[type=datetime-local], select, textarea { width: 100%; padding: .45rem; border: 1px solid #6b7783; border-radius: .3rem; font: inherit; }
        .notice { padding: .6rem .8rem; border-left: 4px solid var(--ok); background: #eef8f0; margin: 0 0 1rem; }
        .error { padding: .6rem .8rem; border-left: 4px solid var(--bad); background: #fdeeee; margin: 0 0 1rem; }
        pre, code.json { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; margin: 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .sheet section { break-inside: avoid; margin-bottom: 1.5rem; }
        @media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .25rem .3rem; font-size: .85rem; } dl.facts { grid-template-columns: 1fr; } }
        @media print {
          header.top, .noprint { display: none; }
          body { font-size: 11pt; } main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          @page { size: A4; margin: 15mm; }
        }
        """;
}
