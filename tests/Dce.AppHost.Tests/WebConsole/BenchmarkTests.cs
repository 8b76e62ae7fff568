using System.Diagnostics;
using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>
/// The console's figures for <c>docs/benchmarks.md</c> (<c>DCE_BENCH=1 dotnet test tests/Dce.AppHost.Tests --filter
/// "FullyQualifiedName~WebConsole.BenchmarkTests"</c>): printed as p50/p95 of several runs, never asserted.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BenchmarkTests(PlatformFixture platform, ConsoleBrowser browser, ITestOutputHelper output)
{
    public const string Variable = "DCE_BENCH";

    private const int Runs = 12;
    private const int PodCount = 1000;
    private const string Cluster = "cloud-east";
    private const string OverviewShown = "() => document.querySelector('[data-interactive]') !== null && document.querySelector('[data-testid=cluster-count]') !== null";

    [OptInFact(Variable)]
    public async Task First_page_after_sign_in()
    {
        List<double> cold = [];
        List<double> warm = [];
        for (var run = 0; run <= Runs; run++)
        {
            // A new browser (no cache, no cookie): submit the sign-in form, wait for the overview's figures with its connection up.
            var context = await browser.NewContextAsync(platform);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/signin");
            await page.GetByLabel("User name").FillAsync("admin");
            await page.GetByLabel("Password").FillAsync(PlatformFixture.AdminPassword);
            var clock = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForFunctionAsync(OverviewShown);
            var signedIn = clock.Elapsed.TotalMilliseconds;

            // The same browser again: scripts cached, session open; a new page load and a new circuit.
            clock.Restart();
            await page.ReloadAsync();
            await page.WaitForFunctionAsync(OverviewShown);
            var reloaded = clock.Elapsed.TotalMilliseconds;
            await context.CloseAsync();

            // The first run warms the platform's caches and is not counted.
            if (run > 0)
            {
                cold.Add(signedIn);
                warm.Add(reloaded);
            }
        }

        Report("sign-in form submitted → overview interactive (new browser)", cold);
        Report("overview reloaded → interactive (signed in, scripts cached)", warm);
    }

    [OptInFact(Variable)]
    public async Task A_list_of_a_thousand_pods()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var ns = $"bench-{Guid.NewGuid().ToString("N")[..6]}";
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments", new { name = "bulk", image = "nginx:1.27", replicas = PodCount }))
            .Expect(HttpStatusCode.Created);
        var list = $"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/pods?pageSize={PodCount}";
        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/pods?pageSize=1",
            json => json.GetProperty("pagination").GetProperty("total").GetInt32() == PodCount, $"{PodCount} pods", TimeSpan.FromMinutes(10));

        List<double> calls = [];
        for (var run = 0; run <= Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            (await api.GetAsync(list)).Expect(HttpStatusCode.OK);
            if (run > 0)
            {
                calls.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Report($"API: {PodCount} pods in one list through the gateway", calls);

        var page = await browser.SignInAsync(platform);
        var address = $"/pods?cluster={Cluster}&namespace={ns}";
        if ((await page.GotoAsync(address))?.Status == (int)HttpStatusCode.NotFound)
        {
            output.WriteLine($"page: {address} is not a page of this build; the page part was not measured");
            await page.Context.CloseAsync();
            return;
        }

        // The table renders only the rows in view: measured are the first rows shown after loading, and the 1,000th
        // shown after jumping to the end of the page.
        List<double> firstRows = [];
        List<double> lastRow = [];
        for (var run = 0; run <= Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(address);
            await page.WaitForFunctionAsync("() => document.querySelectorAll('main [data-testid=pod-row]').length >= 10 && !!document.querySelector('[data-interactive]')",
                null, new() { Timeout = 120_000 });
            var shown = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            // Brings the last rendered row into view until the table has rendered the last pod (its scroller may be the
            // page or the main area; row heights are estimated, so one jump may land short).
            await page.WaitForFunctionAsync(
                $"() => {{ const rows = document.querySelectorAll('main tbody tr'); rows[rows.length - 1]?.scrollIntoView(); return !!document.querySelector('main tr[aria-rowindex=\"{PodCount + 1}\"]'); }}",
                null, new() { Timeout = 120_000, PollingInterval = 50 });
            if (run > 0)
            {
                firstRows.Add(shown);
                lastRow.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Report($"page: {address} loaded → first rows shown, interactive", firstRows);
        Report($"page: scrolled to the end → {PodCount}th row shown", lastRow);
        await page.Context.CloseAsync();
    }

    private void Report(string what, IReadOnlyList<double> samples) =>
        output.WriteLine($"{what}: p50 {Percentiles.Of(samples, 50):F0} ms, p95 {Percentiles.Of(samples, 95):F0} ms, {samples.Count} runs");
}
