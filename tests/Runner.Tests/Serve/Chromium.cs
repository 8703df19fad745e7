using Microsoft.Playwright;

namespace Runner.Tests.Serve;

/// <summary>
/// Debian's chromium, driven by Playwright through ExecutablePath (Playwright's own browser download can't
/// reach its host). The browser tests are skipped, saying so, where it is not installed.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool Installed => File.Exists(Path);

    public const string SkipReason = "no chromium at /usr/bin/chromium: install it with `apt-get install -y chromium` (root; .ci/run does)";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}

/// <summary>A test in real Chromium; skipped with the reason when chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Installed) Skip = Chromium.SkipReason;
    }
}
