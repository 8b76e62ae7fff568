using Dce.Testing;
using Microsoft.Playwright;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// A browser on the console through the entry: when the console replica holding its circuit dies, the page comes back by
/// itself on the surviving replica, at the same address (the page's state) and still signed in.
/// </summary>
[Collection(HighAvailabilityCollection.Name)]
public sealed class ConsoleReconnectTests(HighAvailabilityGraph graph)
{
    private const string Interactive = "() => window.Blazor && document.querySelector('[data-interactive]') !== null";

    [Fact]
    public async Task A_page_whose_console_replica_dies_reloads_itself_at_the_same_address_still_signed_in()
    {
        Assertions.SetDefaultExpectTimeout(60_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = graph.Entry.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var address = $"/?view=reconnect-{Guid.NewGuid():N}";
        await page.GotoAsync(address);
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(HighAvailabilityGraph.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(Interactive);
        Assert.EndsWith(address, page.Url, StringComparison.Ordinal);

        // First the page is made to live on console-1 (if console held its circuit, losing it moves the page there)...
        await graph.KillAsync("console");
        await graph.StartAsync("console");
        await ConnectedAsync(page, "the page on console-1");

        // ...then console-1 dies under it: the page must come back by itself, as a new document at the same address.
        await page.EvaluateAsync("() => { window.dceBeforeReplicaLoss = true; }");
        await graph.KillAsync("console-1");
        await ConnectedAsync(page, "the page reloaded after its replica died", reloaded: true);
        Assert.EndsWith(address, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cluster-count")).Not.ToHaveTextAsync("0");

        await graph.StartAsync("console-1");
    }

    // Interactive with no reconnection under way (Blazor's dialog hidden); with reloaded, a document other than the marked one.
    private static Task ConnectedAsync(IPage page, string what, bool reloaded = false) => Eventually.Until(async () =>
    {
        try
        {
            return await page.EvaluateAsync<bool>(
                "reloaded => (!reloaded || window.dceBeforeReplicaLoss === undefined) && !!window.Blazor && !!document.querySelector('[data-interactive]')" +
                " && ((m => !m || m.style.display === 'none')(document.getElementById('components-reconnect-modal')))", reloaded);
        }
        catch (PlaywrightException)
        {
            // The document was replaced while asked.
            return false;
        }
    }, what);
}
