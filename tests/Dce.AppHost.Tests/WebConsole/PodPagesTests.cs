using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;
using PlatformApi = Dce.AppHost.Tests.ContainerManagement.PlatformApi;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>The pod pages through the gateway in a real browser: a live list, and a followed log.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PodPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Simulated = "cloud-west";

    // Pods start on simulated clusters shared with other tests: a rollout may take longer than Playwright's default 5 s.

    [Fact]
    public async Task A_new_pod_appears_in_the_list_without_reloading_and_its_log_streams_new_lines()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "pods");
        var page = await browser.SignInAsync(platform);
        await page.GotoAsync($"/pods?cluster={cluster}&namespace={ns}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("pod-count")).ToHaveTextAsync("0 pods");
        await page.EvaluateAsync("() => window.dceNotReloaded = true");

        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name = "talker", image = "nginx:1.27", replicas = 1 }))
            .Expect(HttpStatusCode.Created);
        var row = page.Locator("[data-testid=pod-row][data-status=Running]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.dceNotReloaded === true"), "the page was not reloaded");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pod-status")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.GetByTestId("log-state")).ToHaveTextAsync("Following…");
        var log = page.GetByTestId("log");
        await Assertions.Expect(log).Not.ToBeEmptyAsync();
        var lines = await LineCountAsync(log);
        await page.WaitForFunctionAsync("n => document.querySelector('[data-testid=log]').textContent.trim().split('\\n').length > n", lines);
        Assert.True(await page.EvaluateAsync<bool>("() => window.dceNotReloaded === true"), "the page was not reloaded");
        await Assertions.Expect(page.GetByTestId("event-row").First).ToBeVisibleAsync();

        await page.GetByLabel("Follow").UncheckAsync();
        await Assertions.Expect(page.GetByTestId("log-state")).ToHaveTextAsync("Not following");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("follow=false"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unchanged_pod_list_is_answered_304_through_the_gateway_to_the_etag_it_was_given()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "etag");
        using var http = platform.App.CreateHttpClient("gateway", "http");
        using var login = await http.PostAsJsonAsync($"{PlatformApi.Ghippo}/login", new { username = "admin", password = PlatformFixture.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var pods = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods";

        using var first = await http.GetAsync(pods);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = Assert.IsType<EntityTagHeaderValue>(first.Headers.ETag);
        using var unchanged = new HttpRequestMessage(HttpMethod.Get, pods);
        unchanged.Headers.IfNoneMatch.Add(etag);
        using var second = await http.SendAsync(unchanged);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    private static async Task<int> LineCountAsync(ILocator log) =>
        (await log.TextContentAsync() ?? "").Trim().Split('\n').Length;
}
