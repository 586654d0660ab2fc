using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WelfareFlow.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright's .NET driver (its own browser download is impossible here),
/// plus the checks every page gets: axe-core, and screenshots into the repository's docs/screenshots.</summary>
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

    public static Task<IBrowserContext> DesktopAsync(IBrowser browser) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "ko-KR",
        TimezoneId = "Asia/Seoul",
    });

    public static Task<IBrowserContext> PhoneAsync(IBrowser browser) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "ko-KR",
        TimezoneId = "Asia/Seoul",
    });

    /// <summary>Fails on any serious or critical axe-core violation, naming each with the elements concerned.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe-core on {what}:\n" + string.Join("\n", bad.Select(v =>
            $"- [{v.Impact}] {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "?")))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>docs/screenshots of the repository this test assembly was built from.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WelfareFlow.sln"))) folder = folder.Parent;
            Assert.True(folder is not null, $"No WelfareFlow.sln above {AppContext.BaseDirectory}.");
            var screenshots = Path.Combine(folder!.FullName, "docs", "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }
}
