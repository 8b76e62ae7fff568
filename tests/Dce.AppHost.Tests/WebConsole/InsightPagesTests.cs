using System.Globalization;
using System.Net;
using System.Text.Json;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>Insight's pages in the console: the clusters overview, the logs explorer and its live tail, a Deployment's dashboard, the service map, a trace's waterfall and alert rules.</summary>
[Collection(PlatformCollection.Name)]
public sealed class InsightPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Insight = "/apis/insight.io/v1alpha1";
    private static readonly string[] Embedded = ["cloud-east", "cloud-west", "edge-arm"];

    [Fact]
    public async Task The_overview_counts_the_embedded_clusters_and_charts_their_cpu_and_memory()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        await api.WaitForAsync($"{Insight}/overview/resources/count", json => Count(json, "clusters") >= Embedded.Length,
            "Insight counting the embedded clusters", TimeSpan.FromMinutes(2));
        await api.WaitForAsync($"{Insight}/overview/resources/range", json => Points(json, "cpu_cores_allocatable") >= 2,
            "two points of allocatable CPU", TimeSpan.FromMinutes(2));
        var page = await browser.SignInAsync(platform);

        await page.GetByRole(AriaRole.Link, new() { Name = "Insight", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Insight", Level = 1 })).ToBeVisibleAsync();
        var clusters = int.Parse(await page.GetByTestId("count-clusters").Locator(".figure").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(clusters >= Embedded.Length, $"{clusters} clusters counted");
        foreach (var name in Embedded)
        {
            await Assertions.Expect(page.Locator($"tr[data-cluster='{name}']")).ToBeVisibleAsync();
        }

        var cpu = page.GetByTestId("line-chart").Filter(new() { HasText = "CPU requested and allocatable" }).Locator("polyline");
        await Assertions.Expect(cpu.First).ToBeAttachedAsync();
        var points = await cpu.EvaluateAllAsync<int[]>("lines => lines.map(line => line.points.numberOfItems)");
        Assert.Contains(points, count => count >= 2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_logs_explorer_finds_a_pods_line_by_its_text()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "logs");
        var pod = await PodOfNewDeploymentAsync(api, cluster, ns, "talker", 1);
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/insight/logs");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Cluster", new() { Exact = true }).SelectOptionAsync(cluster);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync($"\"[{pod}] configuration loaded\"");

        // The line is stored once Insight follows the new pod's log: search again until it is.
        var found = page.GetByTestId("log-lines").Locator($"tr[data-pod='{pod}']");
        await Eventually.Until(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("log-total")).ToBeVisibleAsync();
            return await found.CountAsync() > 0;
        }, $"the configuration line of {pod} found", TimeSpan.FromMinutes(2));

        await Assertions.Expect(found).ToHaveCountAsync(1);
        await Assertions.Expect(found).ToContainTextAsync($"[{pod}] configuration loaded");
        await Assertions.Expect(found).ToContainTextAsync($"{cluster}/{ns}/{pod}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_live_tail_shows_a_pods_lines_as_they_are_written()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "tail");
        var pod = await PodOfNewDeploymentAsync(api, cluster, ns, "tailed", 1);
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/insight/logs");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Cluster", new() { Exact = true }).SelectOptionAsync(cluster);
        await page.GetByLabel("Pod", new() { Exact = true }).FillAsync(pod);
        await page.GetByLabel("Live tail").CheckAsync();

        await Assertions.Expect(page.GetByTestId("tail-state")).ToContainTextAsync("Tailing");
        var tailed = page.GetByTestId("tail-lines").Locator("tr[data-pod]");
        await Assertions.Expect(tailed.First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var seen = await tailed.CountAsync();
        await Eventually.Until(async () => await tailed.CountAsync() > seen, $"a later line of {pod} put on top", TimeSpan.FromMinutes(1));
        Assert.All(await tailed.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.pod)"), shown => Assert.Equal(pod, shown));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_deployments_dashboard_charts_its_replicas_and_follows_a_scale()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "dashboard");
        await PodOfNewDeploymentAsync(api, cluster, ns, "charted", 2);
        var page = await browser.SignInAsync(platform);
        var replicas = page.GetByTestId("line-chart").Filter(new() { HasText = "Replicas, last hour" }).Locator("desc");

        await page.GotoAsync($"/insight/clusters/{cluster}/namespaces/{ns}/deployments/charted");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Deployment {ns}/charted", Level = 1 })).ToBeVisibleAsync();
        await UntilChartedAsync(page, replicas, "desired", 2);
        await Assertions.Expect(page.GetByTestId("insight-pods").Locator("tr[data-pod]")).ToHaveCountAsync(2);

        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments/charted:scale", new { replicas = 3 })).Expect(HttpStatusCode.OK);

        await UntilChartedAsync(page, replicas, "desired", 3);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_service_map_shows_the_gateway_calling_container_management()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters")).Expect(HttpStatusCode.OK);
        await Eventually.Until(async () => HasEdge((await api.PostAsync($"{Insight}/service-graph/graph", new { })).Expect(HttpStatusCode.OK).Json, "gateway", "kpanda"),
            "the gateway → kpanda edge in the service graph", TimeSpan.FromMinutes(2));
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/insight/topology");

        var edge = page.Locator("[data-testid='service-map'] g[data-edge='gateway->kpanda']");
        await Assertions.Expect(edge).ToBeVisibleAsync();
        await Assertions.Expect(edge.Locator("text")).ToContainTextAsync("/s");
        await Assertions.Expect(page.Locator("[data-testid='service-map'] g[data-service='gateway']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='service-map'] g[data-service='kpanda']").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_trace_through_the_gateway_opens_as_a_waterfall_of_its_spans()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters")).Expect(HttpStatusCode.OK);
        var traces = await api.WaitForAsync($"{Insight}/jaeger/v2/traces?serviceName=kpanda&limit=100",
            json => json.GetProperty("traces").EnumerateArray().Any(Crosses), "a trace of the gateway and Container Management", TimeSpan.FromMinutes(2));
        var traceId = traces.GetProperty("traces").EnumerateArray().First(Crosses).GetProperty("traceId").GetString()!;
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/insight/traces?service=kpanda");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.Locator($"tr[data-trace='{traceId}'] a").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Trace {traceId}", Level = 1 })).ToBeVisibleAsync();
        var spans = page.GetByTestId("waterfall").Locator("[data-span]");
        await Assertions.Expect(spans.First).ToBeVisibleAsync();
        Assert.True(await spans.CountAsync() >= 2, "at least two spans drawn");
        await Assertions.Expect(spans.First).ToHaveAttributeAsync("data-depth", "0");
        await Assertions.Expect(page.GetByTestId("waterfall").Locator("[data-depth='1']").First).ToBeVisibleAsync();
        await Assertions.Expect(spans.Filter(new() { HasText = "gateway" }).First).ToBeVisibleAsync();
        await Assertions.Expect(spans.Filter(new() { HasText = "kpanda" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rule_group_with_bad_promql_is_refused_beside_the_form_and_a_good_one_is_listed()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        await api.WaitForAsync($"{Insight}/clusters", json => json.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("name").GetString() == cluster),
            $"Insight following {cluster}", TimeSpan.FromMinutes(2));
        var group = $"console-{Guid.NewGuid().ToString("N")[..6]}";
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync("/insight/alerts");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        var form = page.GetByTestId("rule-form");
        await form.GetByLabel("Cluster", new() { Exact = true }).SelectOptionAsync(cluster);
        await form.GetByLabel("Group name").FillAsync(group);
        await form.GetByLabel("Rule name").FillAsync("too-many-replicas");
        await form.GetByLabel("PromQL").FillAsync("sum(kube_deployment_spec_replicas");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create rule group" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rule-problem")).ToContainTextAsync("rules[0].expr");
        await Assertions.Expect(page.Locator($"section[data-group='{group}']")).ToHaveCountAsync(0);

        await form.GetByLabel("PromQL").FillAsync("sum(kube_deployment_spec_replicas) > 100000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create rule group" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rule-created")).ToContainTextAsync(group);
        var listed = page.Locator($"section[data-group='{group}']");
        await Assertions.Expect(listed.Locator("tr[data-rule='too-many-replicas']")).ToContainTextAsync("sum(kube_deployment_spec_replicas) > 100000");
        var id = (await api.GetAsync($"{Insight}/alert/groups?name={group}")).Expect(HttpStatusCode.OK).Json.GetProperty("items")[0].GetProperty("id").GetString();
        (await api.DeleteAsync($"{Insight}/alert/groups/{id}")).Expect(HttpStatusCode.OK);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_namespace_viewer_sees_only_their_namespace_and_is_refused_a_cluster_wide_rule_group()
    {
        using var admin = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(admin, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(admin, cluster, "insight-viewer");
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name = "app", image = "nginx:1.26" })).Expect(HttpStatusCode.Created);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var workspace = await WorkspaceIsolationTests.WorkspaceAsync(admin, $"ws-insight-{suffix}");
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        var (user, password) = ($"insight-viewer-{suffix}", $"Pw-{Guid.NewGuid():N}");
        var userId = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString();
        (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = userId, roleName = "ns-viewer" }))
            .Expect(HttpStatusCode.NoContent);
        using var viewer = await PlatformApi.SignInAsync(platform, user, password);
        await viewer.WaitForAsync($"{Insight}/clusters/{cluster}/pods?pageSize=100", json => json.GetProperty("items").GetArrayLength() > 0,
            $"the pod of {ns} scraped", TimeSpan.FromMinutes(2));
        var page = await browser.SignInAsync(platform, user, password);

        await page.GotoAsync("/insight");
        await Assertions.Expect(page.GetByTestId("count-nodes").Locator(".figure")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("tr[data-cluster]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"tr[data-cluster='{cluster}']")).ToContainTextAsync("some namespaces");

        await page.GotoAsync($"/insight/clusters/{cluster}");
        await Assertions.Expect(page.GetByTestId("insight-pods").Locator("tr[data-pod]").First).ToBeVisibleAsync();
        Assert.All(await page.GetByTestId("insight-pods").Locator("tr[data-pod] td:nth-child(2)").AllInnerTextsAsync(), shown => Assert.Equal(ns, shown));
        await Assertions.Expect(page.GetByTestId("insight-nodes")).ToHaveCountAsync(0);

        await page.GotoAsync("/insight/alerts");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        var form = page.GetByTestId("rule-form");
        await form.GetByLabel("Cluster", new() { Exact = true }).SelectOptionAsync(cluster);
        await form.GetByLabel("Group name").FillAsync($"viewer-{suffix}");
        await form.GetByLabel("Rule name").FillAsync("anything");
        await form.GetByLabel("PromQL").FillAsync("up == 0");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create rule group" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rule-problem")).ToContainTextAsync("You are not allowed");
        await Assertions.Expect(page.Locator($"section[data-group='viewer-{suffix}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static async Task<string> PodOfNewDeploymentAsync(PlatformApi api, string cluster, string ns, string name, int replicas)
    {
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name, image = "nginx:1.26", replicas }))
            .Expect(HttpStatusCode.Created);
        var pods = await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods?pageSize=10",
            json => json.GetProperty("items").GetArrayLength() == replicas, $"{replicas} pods of {name}");
        return pods.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString()!;
    }

    // The page reads its series once: it is loaded again until the chart's description ("desired: 12 points, last 2; …")
    // says the series ends at the value.
    private static async Task UntilChartedAsync(IPage page, ILocator description, string series, int last) =>
        await Eventually.Until(async () =>
        {
            await page.ReloadAsync();
            // Until a scrape has seen the Deployment the page answers with a problem in its place.
            await Assertions.Expect(page.GetByTestId("workload-state").Or(page.GetByRole(AriaRole.Alert))).ToBeVisibleAsync();
            return await description.CountAsync() > 0
                && (await description.TextContentAsync() ?? "").Split("; ").Any(part => part.StartsWith($"{series}: ", StringComparison.Ordinal)
                    && part.EndsWith($", last {last}", StringComparison.Ordinal));
        }, $"the chart's {series} series ending at {last}", TimeSpan.FromMinutes(2));

    private static double Count(JsonElement answer, string name) =>
        answer.GetProperty("data").EnumerateArray().Where(result => result.GetProperty("name").GetString() == name)
            .SelectMany(result => result.GetProperty("data").GetProperty("vector").EnumerateArray())
            .Select(sample => double.Parse(sample.GetProperty("values").GetProperty("value").GetString()!, CultureInfo.InvariantCulture)).FirstOrDefault();

    private static int Points(JsonElement answer, string name) =>
        answer.GetProperty("data").EnumerateArray().Where(result => result.GetProperty("name").GetString() == name)
            .SelectMany(result => result.GetProperty("data").GetProperty("matrix").EnumerateArray())
            .Select(series => series.GetProperty("values").GetArrayLength()).DefaultIfEmpty(0).Max();

    private static bool Crosses(JsonElement trace) =>
        trace.GetProperty("spanCount").GetInt64() >= 2
        && trace.GetProperty("processMap").EnumerateArray().Select(mapping => mapping.GetProperty("process").GetProperty("serviceName").GetString())
            .ToHashSet().IsSupersetOf(["gateway", "kpanda"]);

    private static bool HasEdge(JsonElement graph, string from, string to)
    {
        var services = graph.GetProperty("nodes").EnumerateArray()
            .ToDictionary(node => node.GetProperty("id").GetString()!, node => node.GetProperty("metadata").GetProperty("service").GetString());
        return graph.GetProperty("edges").EnumerateArray()
            .Any(edge => services.GetValueOrDefault(edge.GetProperty("source").GetString()!) == from && services.GetValueOrDefault(edge.GetProperty("target").GetString()!) == to);
    }
}
