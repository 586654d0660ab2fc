using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WelfareFlow.Tests.Ops;

/// <summary>Debian's Chromium driven by Playwright, axe-core checks, and screenshots into docs/screenshots/.</summary>
public static class OpsBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Browser tests need Debian's Chromium at {ChromiumPath} and a Korean font: run 'apt-get install -y chromium fonts-nanum' (the .ci/run script does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
        });
        return (playwright, browser);
    }

    public static Task<IBrowserContext> DesktopAsync(IBrowser browser, string language) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = language == "ko" ? "ko-KR" : "en-US",
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language == "ko" ? "ko-KR,ko;q=0.9" : "en-US,en;q=0.9" },
    });

    public static Task<IBrowserContext> PhoneAsync(IBrowser browser, string language) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = language == "ko" ? "ko-KR" : "en-US",
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language == "ko" ? "ko-KR,ko;q=0.9" : "en-US,en;q=0.9" },
    });

    /// <summary>Fails on any serious or critical axe-core violation, naming the rule and the elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"ops-{name}.png"), FullPage = true });
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WelfareFlow.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("WelfareFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
