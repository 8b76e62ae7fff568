using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// The search as a user calls it (HTTPS to the gateway, token checked, scope asked of Global Management, Cluster Search's
/// Program answering from the filled index, with its Redis cache and without) against the same question fanned out to
/// every cluster's API as a client would, on loopback and with 30 ms added to every cluster's answers. Both sides must
/// return the same objects in the same order before anything is timed.
/// </summary>
internal static class EndToEndBenchmark
{
    private const string LabelSelector = "app=app-3";
    private const string FuzzyName = "7";
    private const int Limit = 100;
    private const int WarmUp = 20;
    private const string Question = $"/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps?labelSelector={LabelSelector}&fuzzyName={FuzzyName}&orderby=name&limit=100";
    private static readonly TimeSpan CrossRegion = TimeSpan.FromMilliseconds(30);
    private static readonly KubeconfigLoader Loader = new(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = ["127.0.0.1/32"] })));

    /// <summary>Measures over the index in <paramref name="database"/>, filled from <paramref name="clusters"/>; answers the table's rows.</summary>
    public static async Task<List<string>> RunAsync(string database, SimulatedClusters clusters, IReadOnlyList<string> names, int samples = 200)
    {
        // The hosts find their modules' content roots through the manifest beside this program, read from the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var rows = new List<string> { $"| **like for like, through the gateway** (load average at start: {LoadAverage()}) | p50 / p95 / p99 |" };
        var redis = (await SharedMiddleware.RedisAsync()).ConnectionString;
        var memberClusters = names.Where((_, i) => i % 5 == 0).ToList();
        await using var identity = await GlobalManagementHost.StartOnLoopbackAsync();
        await WorkspaceMember.CreateAsync(identity, memberClusters);
        await using var search = await IndexedSearchHost.StartAsync(identity.Address, database, redis, names.ToDictionary(n => n, clusters.Kubeconfig));
        await using var gateway = GatewayHost.Start(identity.Address, search.Address, redis);
        using var admin = await SignInAsync(gateway, GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        using var member = await SignInAsync(gateway, WorkspaceMember.Name, WorkspaceMember.Password);
        using var everyCluster = ClusterFanOut.Connect(names.Select(n => (n, clusters.Kubeconfig(n))), Loader);
        using var memberFanOut = ClusterFanOut.Connect(memberClusters.Select(n => (n, clusters.Kubeconfig(n))), Loader);
        var callers = new[]
        {
            (Who: $"admin (all {names.Count} clusters)", Client: admin, FanOut: everyCluster, Name: GlobalManagementHost.AdminName, Password: GlobalManagementHost.AdminPassword),
            (Who: $"workspace member ({memberClusters.Count} of {names.Count} clusters)", Client: member, FanOut: memberFanOut, Name: WorkspaceMember.Name, Password: WorkspaceMember.Password),
        };

        var agreed = new Dictionary<string, int>();
        foreach (var caller in callers)
        {
            agreed[caller.Who] = await AgreeAsync(caller.Who, caller.Client, caller.FanOut);
        }

        Console.WriteLine("Both sides agree; timing the search through the gateway...");
        var searched = new Dictionary<(string Who, bool Cached), List<double>>();
        foreach (var caller in callers)
        {
            foreach (var cached in new[] { true, false })
            {
                searched[(caller.Who, cached)] = await TimeAsync(samples, agreed[caller.Who], () => SearchAsync(caller.Client, cached));
                rows.Add(Row($"search through the gateway, {caller.Who}, {(cached ? "with the Redis cache" : "without it (`Cache-Control: no-cache`)")}", searched[(caller.Who, cached)], samples));
            }
        }

        foreach (var latency in new[] { TimeSpan.Zero, CrossRegion })
        {
            SetLatency(clusters, names, latency);
            try
            {
                var where = latency == TimeSpan.Zero ? "loopback" : $"{latency.TotalMilliseconds:F0} ms added per cluster request";
                Console.WriteLine($"Timing the fan-out ({where})...");
                foreach (var caller in callers)
                {
                    // A fan-out series at a million objects outlasts a token: the caller signs in again before each.
                    await RenewAsync(caller.Client, caller.Name, caller.Password);
                    await AgreeAsync(caller.Who, caller.Client, caller.FanOut);
                    var fannedOut = await TimeAsync(samples, agreed[caller.Who], () => caller.FanOut.AskAsync(LabelSelector, FuzzyName, Limit));
                    rows.Add(Row($"fan-out to {caller.FanOut.Clusters} clusters over HTTPS, {where}, {caller.Who}", fannedOut, samples));
                    foreach (var cached in new[] { true, false })
                    {
                        var mine = searched[(caller.Who, cached)];
                        rows.Add($"| speed-up, {caller.Who}, search {(cached ? "cached" : "uncached")} vs fan-out ({where}): fan-out ÷ search at p50 / p99 | " +
                            $"{Percentiles.Of(fannedOut, 50) / Percentiles.Of(mine, 50):F1}x / {Percentiles.Of(fannedOut, 99) / Percentiles.Of(mine, 99):F1}x |");
                    }
                }
            }
            finally
            {
                SetLatency(clusters, names, TimeSpan.Zero);
            }
        }

        rows.Add($"| load average at the end | {LoadAverage()} |");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return rows;
    }

    /// <summary>Fails the run unless the search through the gateway (cached and not) and the fan-out give the same objects in the same order.</summary>
    private static async Task<int> AgreeAsync(string who, HttpClient client, ClusterFanOut fanOut)
    {
        var expected = await fanOut.AskAsync(LabelSelector, FuzzyName, Limit);
        foreach (var cached in new[] { true, false })
        {
            var answered = await SearchAsync(client, cached);
            if (!answered.SequenceEqual(expected) || expected.Count == 0)
            {
                var at = Enumerable.Range(0, Math.Max(answered.Count, expected.Count)).FirstOrDefault(i => answered.ElementAtOrDefault(i) != expected.ElementAtOrDefault(i));
                throw new InvalidOperationException(
                    $"The search ({who}, {(cached ? "cached" : "uncached")}) and the fan-out disagree: {answered.Count} and {expected.Count} objects, first difference at {at}: " +
                    $"{answered.ElementAtOrDefault(at)?.ToString() ?? "nothing"} against {expected.ElementAtOrDefault(at)?.ToString() ?? "nothing"}.");
            }
        }

        Console.WriteLine($"{who}: the search and the fan-out agree on {expected.Count} objects, from {expected[0]} to {expected[^1]}.");
        return expected.Count;
    }

    private static async Task<List<FoundObject>> SearchAsync(HttpClient client, bool cached)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Question);
        if (!cached)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var list = await JsonDocument.ParseAsync(body);
        return [.. list.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("metadata")).Select(metadata => new FoundObject(
            metadata.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()!,
            metadata.GetProperty("namespace").GetString()!,
            metadata.GetProperty("name").GetString()!))];
    }

    /// <summary>One request at a time: <see cref="WarmUp"/> untimed, then <paramref name="samples"/> timed, each checked to answer as many objects as both sides agreed on.</summary>
    private static async Task<List<double>> TimeAsync(int samples, int objects, Func<Task<List<FoundObject>>> ask)
    {
        var timed = new List<double>(samples);
        for (var i = 0; i < WarmUp + samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var answer = await ask();
            watch.Stop();
            if (answer.Count != objects)
            {
                throw new InvalidOperationException($"An answer held {answer.Count} objects instead of {objects}.");
            }

            if (i >= WarmUp)
            {
                timed.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return timed;
    }

    private static async Task<HttpClient> SignInAsync(GatewayHost gateway, string name, string password)
    {
        var client = gateway.Client();
        await RenewAsync(client, name, password);
        return client;
    }

    private static async Task RenewAsync(HttpClient client, string name, string password)
    {
        client.DefaultRequestHeaders.Authorization = null;
        using var response = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password });
        var answer = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.GetProperty("idToken").GetString());
    }

    private static void SetLatency(SimulatedClusters clusters, IEnumerable<string> names, TimeSpan latency)
    {
        foreach (var name in names)
        {
            clusters.State(name).Failures.Latency = latency;
        }
    }

    // Printed as measured, so a run that dies later still leaves its figures.
    private static string Row(string measurement, IReadOnlyList<double> samples, int count)
    {
        var row = $"| {measurement} ({count} requests) | {Ms(Percentiles.Of(samples, 50))} / {Ms(Percentiles.Of(samples, 95))} / {Ms(Percentiles.Of(samples, 99))} |";
        Console.WriteLine(row);
        return row;
    }

    private static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
