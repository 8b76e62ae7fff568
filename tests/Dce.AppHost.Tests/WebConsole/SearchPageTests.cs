using System.Net;
using System.Text.RegularExpressions;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>The search page: one box over every cluster through Cluster Search, in a real browser against the whole graph.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SearchPageTests(PlatformFixture platform, ConsoleBrowser browser)
{
    // The machine is shared: a page may take longer than Playwright's 5 s default to answer.

    private static readonly string[] Clusters = ["cloud-east", "cloud-west"];

    [Fact]
    public async Task A_search_finds_a_deployment_in_two_clusters_and_a_result_opens_its_page()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (ns, name) = ($"finder-{suffix}", $"catalog-{suffix}");
        foreach (var cluster in Clusters)
        {
            await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{cluster}", c => c.GetProperty("status").GetProperty("phase").GetString() == "Running", $"{cluster} Running");
            (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
            (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name, image = "nginx:1.27", replicas = 1 }))
                .Expect(HttpStatusCode.Created);
        }

        await api.WaitForAsync($"/apis/clusterpedia.io/v1beta1/resources/apis/apps/v1/deployments?names={name}",
            list => list.GetProperty("items").GetArrayLength() == Clusters.Length, "the deployment indexed in both clusters");
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/search");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Name contains").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"q={name}"));
        var results = page.GetByTestId("search-result");
        // Every kind answers (the deployment's replica sets and pods carry its name too).
        foreach (var cluster in Clusters)
        {
            await Assertions.Expect(results.Filter(new() { HasText = cluster }).Filter(new() { HasText = "Deployments" })).ToHaveCountAsync(1);
        }

        await page.GetByLabel("Kind").SelectOptionAsync("deployments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("kind=deployments"));
        await Assertions.Expect(results).ToHaveCountAsync(Clusters.Length);

        await results.Filter(new() { HasText = "cloud-west" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/workloads/cloud-west/{ns}/deployments/{name}$"));
        await page.Context.CloseAsync();
    }
}
