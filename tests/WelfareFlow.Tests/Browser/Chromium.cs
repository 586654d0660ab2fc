using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WelfareFlow.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright's .NET driver (its own browser download is impossible here),
/// plus the checks every page gets: axe-core, and screenshots (into an ignored folder unless asked otherwise).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium is not installed at {ExecutablePath}. The browser tests need Debian's chromium and a Korean font: apt-get install -y chromium fonts-nanum (.ci/run installs both).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 120_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>A desktop window (1280 wide) whose browser asks for <paramref name="language"/> ("ko" or "en").</summary>
    public static Task<IBrowserContext> DesktopAsync(IBrowser browser, string language = "ko") =>
        browser.NewContextAsync(Context(language, new ViewportSize { Width = 1280, Height = 900 }, phone: false));

    /// <summary>A phone (390 wide, touch) whose browser asks for <paramref name="language"/>.</summary>
    public static Task<IBrowserContext> PhoneAsync(IBrowser browser, string language = "ko") =>
        browser.NewContextAsync(Context(language, new ViewportSize { Width = 390, Height = 844 }, phone: true));

    /// <summary>The same phone with scripts turned off, for pages that must work without them.</summary>
    public static Task<IBrowserContext> PhoneWithoutScriptAsync(IBrowser browser, string language = "ko") =>
        browser.NewContextAsync(Context(language, new ViewportSize { Width = 390, Height = 844 }, phone: true, javaScript: false));

    static BrowserNewContextOptions Context(string language, ViewportSize viewport, bool phone, bool javaScript = true) => new()
    {
        JavaScriptEnabled = javaScript,
        ViewportSize = viewport,
        IsMobile = phone,
        HasTouch = phone,
        Locale = language == "ko" ? "ko-KR" : "en-US",
        TimezoneId = "Asia/Seoul",
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language == "ko" ? "ko-KR,ko;q=0.9" : "en-US,en;q=0.9" },
    };

    /// <summary>Fails on any serious or critical axe-core violation, naming each with the elements concerned.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string? what = null)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe-core on {what ?? page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"- [{v.Impact}] {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "?")))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Where screenshots go: the git-ignored <c>TestResults/screenshots</c> of the repository, so a test run
    /// never rewrites a tracked file; <c>WELFAREFLOW_SCREENSHOTS=docs/screenshots</c> (relative to the repository,
    /// or an absolute path) refreshes the committed ones on purpose.</summary>
    public const string FolderVariable = "WELFAREFLOW_SCREENSHOTS";

    public static string ScreenshotFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WelfareFlow.sln"))) folder = folder.Parent;
            Assert.True(folder is not null, $"No WelfareFlow.sln above {AppContext.BaseDirectory}.");
            var chosen = Environment.GetEnvironmentVariable(FolderVariable);
            var screenshots = Path.Combine(folder!.FullName, string.IsNullOrWhiteSpace(chosen) ? Path.Combine("TestResults", "screenshots") : chosen);
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }
}
