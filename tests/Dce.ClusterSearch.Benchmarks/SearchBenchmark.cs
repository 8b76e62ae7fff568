using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Search;
using Dce.ClusterSearch.Sync;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Kubernetes.Selectors;
using Dce.Platform.Contracts.Authorization;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using k8s;
using k8s.Models;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// Seeds simulated clusters with the data set, fills a real PostgreSQL index from them with the module's own sync and
/// writer (list + write, then watch), then measures search against fanning out paged list calls to the same clusters,
/// freshness under churn, ingest rate and the sync's memory.
/// </summary>
internal static class SearchBenchmark
{
    private const int Namespaces = 20;
    private const int PageSize = 500;
    private static readonly ResourceType ConfigMaps = ClusterSearchOptions.DefaultResources.Single(t => t.Resource == "configmaps");
    private static readonly string[] Tiers = ["frontend", "backend"];

    // The simulated clusters listen on 127.0.0.1, which the platform reaches only when allowed.
    private static readonly KubeconfigLoader Loader = new(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = ["127.0.0.1/32"] })));

    public static async Task<List<string>> RunAsync(int clusterCount, int perCluster, bool ingestOnly)
    {
        var results = new List<string>();
        var names = Enumerable.Range(0, clusterCount).Select(i => $"bench-{i:D3}").ToArray();
        // The simulated clusters share this process and its two cores with the sync, the writer and PostgreSQL, where
        // member clusters run on machines of their own: their controllers re-check an unchanged state every 5 s rather
        // than every 250 ms (idle passes of 100 clusters took 40 % of the process's CPU in a profile of the sync). A
        // change still wakes them at once.
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 1,
            settings: new Dictionary<string, string?> { ["KubeSim:ResyncInterval"] = "00:00:05" });
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"clustersearch_bench_{Guid.NewGuid():N}");
        await using (var db = new ClusterSearchDbContext(new DbContextOptionsBuilder<ClusterSearchDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(database);
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        Console.WriteLine($"Seeding {clusterCount} clusters with {perCluster:N0} configmaps each...");
        var seeding = Stopwatch.StartNew();
        var inClusters = Seed(clusters, names, perCluster);
        seeding.Stop();
        results.Add($"| seeding: {inClusters:N0} configmaps created in {clusterCount} clusters' stores ({perCluster:N0} each, {Namespaces} namespaces) | {seeding.Elapsed.TotalSeconds:F1} s |");

        // The module's defaults: list pages of 500, writes gathered for 50 ms, at most 5,000 changes per write.
        var options = new ClusterSearchOptions { Resources = [ConfigMaps] };
        var status = new SyncStatusRegistry();
        // The writer's warnings (a batch refused, a write retried) would explain a slow ingest: they are shown.
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        using var writer = new ResourceIndexWriter(dataSource, new IndexVersions(redis, NullLogger<IndexVersions>.Instance), status,
            Options.Create(options), TimeProvider.System, logging.CreateLogger<ResourceIndexWriter>());
        await writer.StartAsync(CancellationToken.None);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;

        // Ingest: every cluster listed (paged) and written, until the index holds exactly what the clusters hold.
        using var sampling = new CancellationTokenSource();
        long peakManaged = 0;
        long peakWorkingSet = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                await Task.Delay(100);
            }
        });
        Console.WriteLine($"Syncing {inClusters:N0} configmaps...");
        var ingest = Stopwatch.StartNew();
        var syncs = names.Select(n => new ClusterSync(n, "", ClusterConnection.FromKubeconfig(clusters.Kubeconfig(n), Loader), options.EffectiveResources, writer, status, options, TimeProvider.System,
            NullLogger.Instance)).ToList();
        var progress = Stopwatch.StartNew();
        while (writer.Written < inClusters)
        {
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"  {writer.Written:N0} written after {ingest.Elapsed.TotalSeconds:F0} s ({writer.Pending:N0} changes queued)");
                progress.Restart();
            }

            await Task.Delay(100);
        }

        // The writer also counts objects written twice (a list and the watch after it): finish on the index itself.
        var indexed = await CountAsync(dataSource);
        var settle = Stopwatch.StartNew();
        while (indexed < inClusters && settle.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(1000);
            indexed = await CountAsync(dataSource);
        }

        ingest.Stop();
        await sampling.CancelAsync();
        await sampler;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        if (indexed != inClusters)
        {
            throw new InvalidOperationException($"The index holds {indexed:N0} rows, the clusters {inClusters:N0} configmaps.");
        }

        results.Add($"| initial sync of {inClusters:N0} configmaps from {clusterCount} clusters (paged list + write, module defaults) | {ingest.Elapsed.TotalSeconds:F1} s, {inClusters / ingest.Elapsed.TotalSeconds:N0} objects/s |");
        results.Add($"| the writer's share of the initial sync: time spent in its transactions (the rest it waited for changes) | {writer.WritingTime.TotalSeconds:F1} s of {ingest.Elapsed.TotalSeconds:F1} s |");
        results.Add($"| managed memory of the sync: peak while ingesting / after the initial sync ({clusterCount} clusters watching) | {(peakManaged - memoryBefore) / 1048576.0:F0} MiB / {(memoryAfter - memoryBefore) / 1048576.0:F1} MiB |");
        results.Add($"| process working set before the sync / peak while ingesting (KubeSim's {inClusters:N0} objects included) | {workingSetBefore / 1048576.0:F0} MiB / {peakWorkingSet / 1048576.0:F0} MiB |");
        await using (var analyze = dataSource.CreateCommand("ANALYZE resources"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        if (!ingestOnly)
        {
            results.AddRange(await EndToEndBenchmark.RunAsync(database, clusters, names));
            results.AddRange(await SearchVersusFanOutAsync(dataSource, clusters, names, inClusters));
            results.AddRange(await FreshnessAsync(dataSource, clusters, names));
        }

        foreach (var sync in syncs)
        {
            await sync.DisposeAsync();
        }

        await writer.StopAsync(CancellationToken.None);
        return results;
    }

    /// <summary>
    /// Creates <paramref name="perCluster"/> configmaps in each cluster through KubeSim's object service (the path its API
    /// handlers create through: validation, uid, resourceVersion, watch events); answers how many configmaps the clusters hold.
    /// </summary>
    private static long Seed(SimulatedClusters clusters, string[] names, int perCluster)
    {
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, name =>
        {
            var cluster = clusters.State(name);
            for (var n = 0; n < Namespaces; n++)
            {
                cluster.Objects.Create(cluster.Type("", "namespaces"), "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"ns-{n}" } });
            }

            var type = cluster.Type("", "configmaps");
            for (var i = 0; i < perCluster; i++)
            {
                var labels = new JsonObject();
                foreach (var (key, value) in Labels(i))
                {
                    labels[key] = value;
                }

                cluster.Objects.Create(type, Namespace(i), new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = $"cm-{i}", ["labels"] = labels },
                    ["data"] = new JsonObject { ["config"] = "value" },
                });
            }
        });
        return names.Sum(n => (long)clusters.State(n).Store.Count(clusters.State(n).Type("", "configmaps").StorageKey));
    }

    /// <summary>Every tenth object in the next namespace, so each namespace holds every app and tier.</summary>
    private static string Namespace(int i) => $"ns-{i / 10 % Namespaces}";

    private static Dictionary<string, string> Labels(int i) =>
        new() { ["app"] = $"app-{i % 10}", ["tier"] = Tiers[i % 2] };

    private static async Task<List<string>> SearchVersusFanOutAsync(NpgsqlDataSource dataSource, SimulatedClusters clusters, string[] names, long total)
    {
        const string fuzzy = "7";
        var query = new SearchQuery([], [], [], LabelSelector.Parse("app=app-3").Requirements, [fuzzy], null, null, null, null,
            [new SearchOrder("name", false)], 100, null, false);
        var search = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new SearchSql(ConfigMaps, query, ClusterScope.None with { All = true }).Page(connection, 101, null);
            var items = new List<(string, string)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    items.Add((reader.GetString(0), reader.GetString(3)));
                }
            }

            _ = KubernetesList.Write(ConfigMaps, items.Take(100).ToList(), null, null);
            if (i >= 20)
            {
                search.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        await SearchPlans.PrintAsync(dataSource, ConfigMaps, [.. names.Where((_, i) => i % 5 == 0)]);
        Console.WriteLine("Fanning out...");
        var connections = names.Select(n => (Name: n, Connection: ClusterConnection.FromKubeconfig(clusters.Kubeconfig(n), Loader))).ToList();
        var fanOut = new List<double>();
        var listed = 0;
        for (var i = 0; i < 22; i++)
        {
            var watch = Stopwatch.StartNew();
            var answers = await Task.WhenAll(connections.Select(c => ListMatchingAsync(c.Connection, c.Name, fuzzy)));
            _ = answers.SelectMany(a => a.Found).OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Cluster, StringComparer.Ordinal).Take(100).ToList();
            listed = answers.Sum(a => a.Listed);
            if (i >= 2)
            {
                fanOut.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        connections.ForEach(c => c.Connection.Dispose());
        var searchP50 = Percentiles.Of(search, 50);
        var fanOutP50 = Percentiles.Of(fanOut, 50);
        return
        [
            $"| search `labelSelector=app=app-3`, `fuzzyName=7`, `orderby=name`, `limit=100` over {total:N0} rows in {names.Length} clusters: p50 / p99 (200 runs) | {searchP50:F1} ms / {Percentiles.Of(search, 99):F1} ms |",
            $"| the same question by listing `app=app-3` from all {names.Length} clusters' APIs in parallel ({PageSize} per page with `continue`, {listed:N0} objects listed), filtering by name, sorting: p50 / p99 (20 runs) | {fanOutP50:F0} ms / {Percentiles.Of(fanOut, 99):F0} ms |",
            $"| search speed-up over fan-out (p50) | {fanOutP50 / searchP50:F1}x |",
        ];
    }

    /// <summary>Lists every page of <c>app=app-3</c> configmaps of one cluster, as a client would; keeps the names matching <paramref name="fuzzy"/>.</summary>
    private static async Task<(List<(string Cluster, string Name)> Found, int Listed)> ListMatchingAsync(ClusterConnection connection, string cluster, string fuzzy)
    {
        var found = new List<(string Cluster, string Name)>();
        var listed = 0;
        string? continueToken = null;
        do
        {
            var query = $"api/v1/configmaps?labelSelector=app%3Dapp-3&limit={PageSize}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            using var response = await connection.GetAsync(query, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                listed++;
                var name = item.GetProperty("metadata").GetProperty("name").GetString()!;
                if (name.Contains(fuzzy, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((cluster, name));
                }
            }

            continueToken = page.RootElement.GetProperty("metadata").TryGetProperty("continue", out var next) && next.GetString() is { Length: > 0 } token ? token : null;
        }
        while (continueToken is not null);

        return (found, listed);
    }

    private static async Task<List<string>> FreshnessAsync(NpgsqlDataSource dataSource, SimulatedClusters clusters, string[] names)
    {
        const int rate = 200;
        var duration = TimeSpan.FromSeconds(15);
        var clients = names.Select(clusters.Client).ToArray();
        var created = new ConcurrentDictionary<string, long>();
        var seen = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var command = dataSource.CreateCommand("SELECT name FROM resources WHERE \"group\" = '' AND resource = 'configmaps' AND name LIKE 'fresh-%'");
                await using var reader = await command.ExecuteReaderAsync();
                var now = clock.ElapsedTicks;
                while (await reader.ReadAsync())
                {
                    seen.TryAdd(reader.GetString(0), now);
                }

                await Task.Delay(10);
            }
        });

        var total = (int)(rate * duration.TotalSeconds);
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }

            var name = $"fresh-{i}";
            await clients[i % clients.Length].CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = Labels(i) } }, "default", cancellationToken: ct);
            created[name] = clock.ElapsedTicks;
        });
        var achieved = total / clock.Elapsed.TotalSeconds;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < total && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await poller;
        var lags = created.Where(c => seen.ContainsKey(c.Key))
            .Select(c => Math.Max(0, (seen[c.Key] - c.Value) * 1000.0 / Stopwatch.Frequency)).ToList();
        return
        [
            $"| freshness at {achieved:F0} creates/s over {names.Length} clusters for {duration.TotalSeconds:F0} s: change answered by the API → row in the index, p50 / p99 ({lags.Count:N0} of {total:N0} seen) | {Percentiles.Of(lags, 50):F0} ms / {Percentiles.Of(lags, 99):F0} ms |",
        ];
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM resources");
        command.CommandTimeout = 0;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
