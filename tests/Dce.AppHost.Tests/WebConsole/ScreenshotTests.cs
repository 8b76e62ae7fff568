using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>
/// Regenerates <c>docs/images/console-*.png</c> (light theme, 1280x800) from the running graph:
/// <c>./scripts/console-screenshots.sh</c>. A page this build does not have yet is skipped and named in the output.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ScreenshotTests(PlatformFixture platform, ConsoleBrowser browser, ITestOutputHelper output)
{
    public const string Variable = "DCE_SCREENSHOTS";

    private const string Cluster = "cloud-west";

    [OptInFact(Variable)]
    public async Task The_main_pages_are_photographed_into_docs_images()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "docs", "images");
        Directory.CreateDirectory(folder);
        var ns = await DeployExampleAsync();

        var context = await browser.NewContextAsync(platform);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync("admin");
        await ShootAsync(page, folder, "signin");
        await page.GetByLabel("Password").FillAsync(PlatformFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await SettleAsync(page);
        await ShootAsync(page, folder, "overview");

        await PageAsync(page, folder, "clusters", "/clusters", detail: ("cluster-detail", Cluster));
        await PageAsync(page, folder, "nodes", $"/nodes?cluster={Cluster}");
        await PageAsync(page, folder, "namespaces", $"/namespaces?cluster={Cluster}");
        await PageAsync(page, folder, "workloads", $"/workloads?cluster={Cluster}&namespace={ns}", detail: ("workload-detail", "web"));
        await PageAsync(page, folder, "pods", $"/pods?cluster={Cluster}&namespace={ns}", detail: ("pod-logs", "web-"));
        await PageAsync(page, folder, "resources", $"/resources?cluster={Cluster}&namespace={ns}");
        await PageAsync(page, folder, "search", "/search?q=web");
        await PageAsync(page, folder, "workspaces", "/workspaces");
        await PageAsync(page, folder, "audit", "/audit");
        await context.CloseAsync();
    }

    // A namespace with a small Deployment, so the workload and pod pages show something real.
    private async Task<string> DeployExampleAsync()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var ns = $"shop-{Guid.NewGuid().ToString("N")[..4]}";
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments", new { name = "web", image = "nginx:1.27", replicas = 3 }))
            .Expect(HttpStatusCode.Created);
        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments/web",
            json => json.GetProperty("status").TryGetProperty("readyReplicas", out var ready) && ready.GetInt32() == 3, "3 ready replicas");
        return ns;
    }

    private async Task PageAsync(IPage page, string folder, string name, string address, (string Name, string LinkText)? detail = null)
    {
        var answer = await page.GotoAsync(address);
        if (answer?.Status == (int)HttpStatusCode.NotFound || !await SettleAsync(page))
        {
            output.WriteLine($"skipped {name}: {address} is not a page of this build");
            return;
        }

        await ShootAsync(page, folder, name);
        if (detail is not { } next)
        {
            return;
        }

        var link = page.Locator("main a").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(next.LinkText)}") }).First;
        try
        {
            await link.ClickAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            output.WriteLine($"skipped {next.Name}: no link '{next.LinkText}…' on {address}");
            return;
        }

        await SettleAsync(page);
        await ShootAsync(page, folder, next.Name);
    }

    // Interactive, loaded (no "Loading…" left); false when the address is not a page of this build.
    private static async Task<bool> SettleAsync(IPage page)
    {
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        if (await page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 }).CountAsync() > 0)
        {
            return false;
        }

        await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0);
        return true;
    }

    private async Task ShootAsync(IPage page, string folder, string name)
    {
        var path = Path.Combine(folder, $"console-{name}.png");
        // The heading focused after a navigation (for screen readers) would show its focus ring in the picture.
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"wrote {path}");
    }
}
