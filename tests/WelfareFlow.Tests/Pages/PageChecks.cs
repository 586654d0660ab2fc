namespace WelfareFlow.Tests.Pages;

/// <summary>What every link page must send, and form bodies as a browser posts them.</summary>
public static class PageChecks
{
    public static void AssertPageHeaders(HttpResponseMessage response)
    {
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        foreach (var directive in new[] { "default-src 'none'", "img-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "style-src 'sha256-" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}
