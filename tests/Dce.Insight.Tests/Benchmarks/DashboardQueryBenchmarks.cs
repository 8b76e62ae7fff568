using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Insight.Resources;
using Dce.Testing;
using Dce.Testing.Hosts;
using Xunit.Abstractions;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// The dashboard's busiest reads through Insight's HTTP API over the series of 100 clusters × 1,000 pods, as a platform
/// administrator and as a namespace viewer; the import of those series gives the engine's ingest rate and its memory per
/// million series.
/// </summary>
[Collection(BenchmarkCollection.Name)]
public sealed class DashboardQueryBenchmarks(ITestOutputHelper output)
{
    private const int ClusterCount = 100;
    private const int Calls = 200;
    private const int WarmUpCalls = 10;
    private const string Group = "/apis/insight.io/v1alpha1";
    private static readonly TimeSpan MeasuringBudget = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RecordingInterval = TimeSpan.FromSeconds(30);

    [BenchmarkFact]
    public async Task Dashboard_queries_over_100_clusters_of_1000_pods()
    {
        // vmalert evaluates the overview's recording rules every 30 s, the module's default, through Insight's datasource as published.
        await using var started = await StartedPlatform<AlertingPlatform>.StartAsync(new AlertingPlatform { EvaluationInterval = RecordingInterval });
        var platform = started.Platform.Platform;
        var clusters = Enumerable.Range(0, ClusterCount).Select(i => $"bench-{Guid.NewGuid():N}"[..14] + $"-{i:D3}").ToArray();
        await ImportAsync(clusters);
        await RecordedAsync(started.Platform);

        // A token of its own: the fixture's was issued before the import, and access tokens live 10 minutes.
        var admin = platform.Insight.ClientWithToken(await platform.Identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword));
        const int viewerNamespace = 3;
        var viewer = await platform.NamespaceViewerAsync(clusters[0], SyntheticCluster.Namespace(viewerNamespace));
        var adminTotalPods = await PodCountAsync(admin);
        Assert.True(adminTotalPods >= ClusterCount * SyntheticCluster.Pods, $"the admin counts {adminTotalPods} pods");
        Assert.Equal(SyntheticCluster.PodsPerNamespace, await PodCountAsync(viewer));

        var calls = new (string Name, HttpClient Client, Func<int, string> Path, Action<JsonElement> Check)[]
        {
            ("overview/resources/count, admin", admin, _ => $"{Group}/overview/resources/count",
                answer => Assert.True(Pods(answer) >= ClusterCount * SyntheticCluster.Pods)),
            ("overview/resources/count, namespace viewer", viewer, _ => $"{Group}/overview/resources/count",
                answer => Assert.Equal(SyntheticCluster.PodsPerNamespace, Pods(answer))),
            ("clusters/{cluster}/pods page 1 of 50, admin", admin, i => $"{Group}/clusters/{clusters[i % ClusterCount]}/pods?page=1&pageSize=50",
                answer => Assert.Equal(SyntheticCluster.Pods, answer.GetProperty("pagination").GetProperty("total").GetInt32())),
            ("clusters/{cluster}/pods page 1 of 50, namespace viewer", viewer, _ => $"{Group}/clusters/{clusters[0]}/pods?page=1&pageSize=50",
                answer => Assert.Equal(SyntheticCluster.PodsPerNamespace, answer.GetProperty("pagination").GetProperty("total").GetInt32())),
            ("metric/queryrange of a Deployment's CPU over 1 h, admin", admin, i => WorkloadCpuPath(clusters[i % ClusterCount], i % SyntheticCluster.Namespaces, i % SyntheticCluster.DeploymentsPerNamespace),
                answer => Assert.True(answer.GetProperty("matrix")[0].GetProperty("values").GetArrayLength() > 50)),
            ("metric/queryrange of a Deployment's CPU over 1 h, namespace viewer", viewer, i => WorkloadCpuPath(clusters[0], viewerNamespace, i % SyntheticCluster.DeploymentsPerNamespace),
                answer => Assert.True(answer.GetProperty("matrix")[0].GetProperty("values").GetArrayLength() > 50)),
        };
        var series = calls.Select(call => new LatencySeries(call.Name)).ToArray();
        for (var i = 0; i < WarmUpCalls; i++)
        {
            foreach (var call in calls)
            {
                call.Check(await GetAsync(call.Client, call.Path(i)));
            }
        }

        // One call of each kind in turn, so a slow moment of the shared machine falls on all of them alike.
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < Calls && budget.Elapsed < MeasuringBudget; i++)
        {
            for (var c = 0; c < calls.Length; c++)
            {
                var answer = await series[c].TimeAsync(() => GetAsync(calls[c].Client, calls[c].Path(i)));
                if (answer.ValueKind != JsonValueKind.Undefined && i == 0)
                {
                    calls[c].Check(answer);
                }
            }
        }

        foreach (var measured in series)
        {
            output.WriteLine(measured.ToString());
        }

        await EngineTimesAsync(clusters[0]);
        foreach (var call in calls)
        {
            call.Check(await GetAsync(call.Client, call.Path(0)));
        }
    }

    /// <summary>Writes every cluster's series, two requests at a time, and reports the rate and the engine's memory growth.</summary>
    private async Task ImportAsync(string[] clusters)
    {
        var metrics = await SharedMiddleware.VictoriaMetricsAsync();
        var port = new Uri(metrics.Endpoint).Port;
        using var engine = metrics.Client();
        engine.Timeout = TimeSpan.FromMinutes(5);
        var seriesBefore = await SeriesCountAsync(engine);
        var residentBefore = VictoriaMetricsProcess.ResidentBytes(port);

        // The last hour every 5 minutes, then every minute for the next 18, so instant queries find fresh samples while the calls run.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 * 1000;
        long[] timestamps = [.. Enumerable.Range(0, 13).Select(i => now - (12 - i) * 300_000L), .. Enumerable.Range(1, 18).Select(i => now + i * 60_000L)];
        var posting = TimeSpan.Zero;
        long bytes = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(clusters, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (cluster, ct) =>
        {
            var body = new SyntheticCluster(cluster, timestamps).ImportBody();
            var watch = Stopwatch.StartNew();
            using var response = await engine.PostAsync("/api/v1/import", new ByteArrayContent(body), ct);
            response.EnsureSuccessStatusCode();
            lock (clusters)
            {
                posting += watch.Elapsed;
                bytes += body.Length;
            }
        });
        var accepted = wall.Elapsed;
        await Eventually.Until(async () => await SeriesCountAsync(engine) >= seriesBefore + (long)clusters.Length * SyntheticCluster.Series,
            "every imported series searchable");
        var searchable = wall.Elapsed;
        var series = (long)clusters.Length * SyntheticCluster.Series;
        var samples = series * timestamps.Length;
        // Let the engine flush its in-memory parts before reading its memory.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var residentAfter = VictoriaMetricsProcess.ResidentBytes(port);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {clusters.Length} clusters, {series:N0} series, {samples:N0} samples, {bytes / 1048576.0:F0} MiB of JSON lines, 2 requests at a time"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: all accepted after {accepted.TotalSeconds:F1} s (series generated meanwhile), all searchable after {searchable.TotalSeconds:F1} s: {samples / searchable.TotalSeconds:N0} samples/s; requests alone took {posting.TotalSeconds:F1} s summed"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine RSS: {residentBefore / 1048576.0:F0} MiB with {seriesBefore:N0} series before, {residentAfter / 1048576.0:F0} MiB after: {(residentAfter - residentBefore) / 1048576.0 / (series / 1e6):F0} MiB per million series"));
    }

    /// <summary>Waits until vmalert's recording rules count every imported pod, then reports what evaluating them costs vmalert.</summary>
    private async Task RecordedAsync(AlertingPlatform alerting)
    {
        using var engine = (await SharedMiddleware.VictoriaMetricsAsync()).Client();
        var waited = Stopwatch.StartNew();
        await Eventually.Until(async () =>
            {
                var result = (await QueryEngineAsync(engine, "sum(cluster_namespace:kube_pod_info:count)", null)).GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 1 && double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) >= ClusterCount * SyntheticCluster.Pods;
            }, "every imported pod counted by the recording rules", TimeSpan.FromMinutes(5));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded: every imported pod counted in the recorded series {waited.Elapsed.TotalSeconds:F1} s after the import had settled (10 s after its last write)"));

        using var vmalert = new HttpClient();
        var metrics = await vmalert.GetStringAsync(alerting.Engines.VmAlert.Endpoint + "/metrics");
        foreach (var line in metrics.Split('\n').Where(line => line.Contains(OverviewCounts.GroupName, StringComparison.Ordinal)
            && (line.StartsWith("vmalert_iteration_duration_seconds", StringComparison.Ordinal) || line.StartsWith("vmalert_iteration_total", StringComparison.Ordinal))))
        {
            output.WriteLine($"vmalert: {line}");
        }
    }

    /// <summary>The same questions asked of the engine directly, without Insight: what the engine's own time is.</summary>
    private async Task EngineTimesAsync(string cluster)
    {
        using var engine = (await SharedMiddleware.VictoriaMetricsAsync()).Client();
        var count = new LatencySeries("engine directly: the 8 count queries over the raw series together, no filter (admin)");
        var recorded = new LatencySeries("engine directly: the 8 count queries over the recorded series together, no filter (admin)");
        var listing = new LatencySeries("engine directly: the pod page's 3 listing queries together, {cluster=...} (admin)");
        var usage = new LatencySeries("engine directly: the 4 usage queries over all the cluster's pods together, {cluster=...} (what the page read before it read the page's pods only)");
        string[] listingQueries = [KubeStateQueries.Pods, KubeStateQueries.PodPhases, $"timestamp({KubeStateQueries.Pods})"];
        string[] usageQueries = [KubeStateQueries.ReadyContainers(""), KubeStateQueries.Restarts(""), KubeStateQueries.PodCpu(""), KubeStateQueries.PodMemory("")];
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < Calls / 2 && budget.Elapsed < MeasuringBudget / 3; i++)
        {
            await count.TimeAsync(() => Task.WhenAll(OverviewCounts.All.Select(c => QueryEngineAsync(engine, $"({c.Raw}) or vector(0)", null))));
            await recorded.TimeAsync(() => Task.WhenAll(OverviewCounts.All.Select(c => QueryEngineAsync(engine, c.Recorded, null))));
            await listing.TimeAsync(() => Task.WhenAll(listingQueries.Select(q => QueryEngineAsync(engine, q, $"{{cluster=\"{cluster}\"}}"))));
            await usage.TimeAsync(() => Task.WhenAll(usageQueries.Select(q => QueryEngineAsync(engine, q, $"{{cluster=\"{cluster}\"}}"))));
        }

        output.WriteLine(count.ToString());
        output.WriteLine(recorded.ToString());
        output.WriteLine(listing.ToString());
        output.WriteLine(usage.ToString());
    }

    private static async Task<JsonElement> QueryEngineAsync(HttpClient engine, string query, string? filter)
    {
        var form = new List<KeyValuePair<string, string>> { new("query", query) };
        if (filter is not null)
        {
            form.Add(new("extra_filters[]", filter));
        }

        using var response = await engine.PostAsync("/api/v1/query", new FormUrlEncodedContent(form));
        return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string WorkloadCpuPath(string cluster, int ns, int deployment)
    {
        var query = $"sum(rate(container_cpu_usage_seconds_total{{cluster=\"{cluster}\",namespace=\"{SyntheticCluster.Namespace(ns)}\",pod=~\"{SyntheticCluster.Deployment(deployment)}-{SyntheticCluster.TemplateHash(deployment)}-[a-z0-9]+\"}}[5m]))";
        var end = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Group}/metric/queryrange?query={Uri.EscapeDataString(query)}&start={end - 3600}&end={end}&step=60";
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> PodCountAsync(HttpClient client) => Pods(await GetAsync(client, $"{Group}/overview/resources/count"));

    private static int Pods(JsonElement counts) => int.Parse(counts.GetProperty("data").EnumerateArray()
        .Single(result => result.GetProperty("name").GetString() == "pods")
        .GetProperty("data").GetProperty("vector")[0].GetProperty("values").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);

    private static async Task<long> SeriesCountAsync(HttpClient engine)
    {
        var answer = await engine.GetFromJsonAsync<JsonElement>("/api/v1/series/count");
        return answer.GetProperty("data")[0].GetInt64();
    }
}
