using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Pages;

/// <summary>The link pages' stylesheet and security headers (the frame itself is <see cref="Components.LinkLayout"/>). The stylesheet is inline and
/// allowed by its hash, so the pages need no second request and no third-party asset.</summary>
public static class PageLayout
{
    public const string Css = """
:root{--ink:#1b1f24;--muted:#4a5561;--line:#c9d1d9;--bg:#f5f7fa;--accent:#0b57d0;--ok-bg:#e7f4ea;--ok-ink:#0f5323;--err:#b3261e;--err-bg:#fdecea;--warn-bg:#fff4d6;--warn-ink:#5c4400}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"NanumGothic","Noto Sans CJK KR","Noto Sans KR","Malgun Gothic","Apple SD Gothic Neo",system-ui,sans-serif;line-height:1.6;color:var(--ink);background:var(--bg);word-break:keep-all;overflow-wrap:anywhere}
a{color:var(--accent)}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999rem;top:.5rem;background:#fff;color:var(--accent);padding:.5rem 1rem;z-index:1}
.skip:focus{left:1rem}
.top{background:#12355b;color:#fff}
.top .wrap{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem 1rem;padding-top:.75rem;padding-bottom:.75rem}
.top a{color:#fff;font-weight:700}
.brand{margin:0;font-weight:700}
h1{font-size:1.6rem;line-height:1.3;margin:1.5rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.35;margin:0 0 .75rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
.lead{color:var(--muted);margin:0 0 1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1.25rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{font-weight:700}
.facts dd{margin:0}
label,legend{display:block;font-weight:700;margin:.75rem 0 .25rem;padding:0}
.hint{display:block;color:var(--muted);font-size:.9rem;margin:0 0 .25rem}
input[type=text],input[type=number],input[type=file],textarea{display:block;width:100%;font:inherit;padding:.55rem .65rem;border:1px solid #6b7785;border-radius:.375rem;background:#fff;color:var(--ink)}
textarea{min-height:10rem;resize:vertical}
a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #c77700;outline-offset:2px}
[aria-invalid=true]{border:2px solid var(--err)}
.error{color:var(--err);font-weight:700;margin:.25rem 0 0}
button{font:inherit;font-weight:700;padding:.6rem 1.2rem;border-radius:.375rem;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;margin-top:1rem}
button.quiet{background:#fff;color:var(--err);border-color:var(--err);padding:.25rem .75rem;margin:0}
.notice{border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;border:1px solid}
.notice p{margin:0}
.notice ul{margin:.25rem 0 0;padding-left:1.25rem}
.ok{background:var(--ok-bg);color:var(--ok-ink);border-color:#8cc79b}
.err{background:var(--err-bg);color:var(--err);border-color:#e6a19c}
.info{background:var(--warn-bg);color:var(--warn-ink);border-color:#e0c46c}
.files{list-style:none;padding:0;margin:0 0 1rem}
.files li{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
.files form{margin:0}
.size{color:var(--muted);font-size:.9rem}
table{width:100%;border-collapse:collapse}
caption{text-align:left;font-weight:700;padding-bottom:.5rem}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--line);vertical-align:top}
.num{text-align:right;white-space:nowrap}
.state{display:inline-block;padding:0 .6rem;border-radius:1rem;font-size:.9rem;font-weight:700;border:1px solid;white-space:nowrap}
.state.pending{background:var(--warn-bg);color:var(--warn-ink)}
.state.scored{background:var(--ok-bg);color:var(--ok-ink)}
.state.final{background:#e8eaed;color:#2d333a}
.case-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
.text{white-space:pre-wrap;margin:0 0 1rem}
.criteria{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:0 1rem}
fieldset{border:0;padding:0;margin:0;min-width:0}
.saved{font-weight:700}
footer{color:var(--muted);font-size:.9rem;padding-top:.5rem;padding-bottom:2rem}
.vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (max-width:40rem){h1{font-size:1.35rem}.card{padding:.75rem}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.5rem}button{width:100%}button.quiet{width:auto}}
""";

    static readonly string CssHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'";

    /// <summary>Nothing loads from anywhere but this app; no script at all; forms post only here; never framed.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {CssHash}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Headers of every page and download: the token is in the address, so it must not leak through
    /// Referer, caches or frames.</summary>
    public static void ApplyHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>The page's own address (<c>/submit/{token}</c> or <c>/judge/{token}</c>): where the language toggle
    /// leads, also from a page re-rendered after a post.</summary>
    public static string Home(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 ? $"{http.Request.PathBase}/{segments[0]}/{segments[1]}" : $"{http.Request.PathBase}{http.Request.Path}";
    }
}
