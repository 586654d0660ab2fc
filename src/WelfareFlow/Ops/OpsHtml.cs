using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>The dashboard's rendering: Razor components rendered to a string (<see cref="Pages.ComponentHtml"/>), one
/// stylesheet, no script.</summary>
public static class OpsHtml
{
    /// <summary>Strict: nothing but this origin's stylesheet and forms posting back to it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Renders <typeparamref name="TPage"/> with its <c>Model</c> parameter as the whole answer.</summary>
    public static async Task<IResult> PageAsync<TPage>(HttpContext http, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        var html = await RenderAsync<TPage>(http.RequestServices, new Dictionary<string, object?> { ["Model"] = model });
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static Task<string> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent => Pages.ComponentHtml.RenderAsync<TComponent>(services, parameters);

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
        .skip { position: absolute; left: -999rem; top: .5rem; background: #fff; color: var(--accent); padding: .5rem 1rem; z-index: 1; }
        .skip:focus { left: 1rem; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, .scroll:focus, summary:focus { outline: 3px solid #c77700; outline-offset: 2px; }
        form.filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: .5rem 0; }
        form.filter label { margin: 0 0 .25rem; }
        form.filter select { width: auto; }
        nav.pager { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
        figure.chart { margin: .5rem 0 1rem; }
        figure.chart svg { max-width: 100%; height: auto; display: block; }
        figure.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
        svg .axis { stroke: var(--muted); stroke-width: 1; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .deadline { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 6 4; }
        svg .now { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 2 3; }
        svg text { font-size: 12px; fill: var(--ink); font-family: inherit; }
        svg .box { fill: #dbe8f5; stroke: var(--accent); stroke-width: 1.5; }
        svg .mean { stroke: var(--bad); stroke-width: 3; }
        svg .kept { fill: var(--accent); stroke: var(--accent); stroke-width: 1.5; }
        svg .dropped { fill: #fff; stroke: var(--bad); stroke-width: 2; }
        svg .tier0 { fill: #0b3d6e; } svg .tier1 { fill: #2f6fad; } svg .tier2 { fill: #7fa9d6; } svg .tier3 { fill: #c4d7ec; } svg .tiernone { fill: #f1f3f5; }
        svg .cellline { stroke: #fff; stroke-width: 1; }
        svg .changes { fill: none; stroke: var(--warn); stroke-width: 3; }
        svg .light { fill: #fff; } svg .dark { fill: var(--ink); }
        details { margin: .25rem 0 1rem; } summary { cursor: pointer; color: var(--accent); }
        @media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .25rem .3rem; font-size: .85rem; } dl.facts { grid-template-columns: 1fr; } }
        body.ceremony { background: #000; color: #fff; font-size: 2rem; }
        body.ceremony main { max-width: none; min-height: 100vh; display: flex; flex-direction: column; justify-content: center; padding: 2rem 4vw; }
        body.ceremony h1 { font-size: 4.5rem; margin: 0 0 2rem; color: #ffd54a; }
        body.ceremony .step { color: #e0e0e0; font-size: 1.5rem; margin: 0 0 1rem; }
        body.ceremony ul.winners { list-style: none; padding: 0; margin: 0 0 2rem; font-size: 3.5rem; font-weight: 700; line-height: 1.3; }
        body.ceremony table { font-size: 1.8rem; margin-bottom: 2rem; }
        body.ceremony th, body.ceremony td { border-color: #777; }
        body.ceremony th { background: #1e1e1e; color: #fff; }
        body.ceremony nav.steps { display: flex; gap: 2rem; font-size: 1.5rem; }
        body.ceremony a { color: #9fd0ff; }
        @media (max-width: 40rem) { body.ceremony { font-size: 1.1rem; } body.ceremony h1 { font-size: 2.2rem; } body.ceremony ul.winners { font-size: 1.8rem; } body.ceremony table { font-size: 1rem; } }
        @media print {
          header.top, .noprint { display: none; }
          body { font-size: 11pt; } main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          @page { size: A4; margin: 15mm; }
        }
        """;
}
