using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for the tests that share the platform's graph, against the
/// console through the gateway as a user reaches it. Each test signs in in a context of its own (cookies not shared).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    // What the platform does behind a click (a cluster call, a join) may take longer than Playwright's default 5 s on a busy machine.
    static ConsoleBrowser() => Assertions.SetDefaultExpectTimeout(30_000);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context at 1280x800 whose relative addresses go to the gateway.</summary>
    public async Task<IBrowserContext> NewContextAsync(PlatformFixture platform)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.App.GetEndpoint("gateway", "http").ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Signs in through the sign-in page and answers the page showing the overview.</summary>
    public async Task<IPage> SignInAsync(PlatformFixture platform, string user = "admin", string? password = null)
    {
        var context = await NewContextAsync(platform);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password ?? PlatformFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Waits until the page's interactive connection is up, so clicks reach the server.</summary>
    public static async Task WaitForInteractiveAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-interactive]') !== null");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            return _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                // Tests run as root in CI, where Chromium's sandbox cannot start.
                Args = ["--no-sandbox"],
            });
        }
        finally
        {
            _launch.Release();
        }
    }
}
