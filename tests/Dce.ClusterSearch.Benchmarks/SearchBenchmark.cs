using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Search;
using Dce.ClusterSearch.Sync;
using Dce.ServiceDefaults.Authorization;
using Dce.Testing;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// Syncs simulated clusters into a real PostgreSQL with the module's sync and writer, tops the index up to the target
/// with rows written by the same bulk statement, then measures search against fanning out list calls, freshness under
/// churn, ingest rate and memory.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly ResourceType ConfigMaps = ClusterSearchOptions.DefaultResources.Single(t => t.Resource == "configmaps");
    private static readonly string[] Tiers = ["frontend", "backend"];

    public static async Task<List<string>> RunAsync(int clusterCount, int perCluster, int total)
    {
        var results = new List<string>();
        var names = Enumerable.Range(0, clusterCount).Select(i => $"bench-{i:D3}").ToArray();
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 1);
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"clustersearch_bench_{Guid.NewGuid():N}");
        await using (var db = new ClusterSearchDbContext(new DbContextOptionsBuilder<ClusterSearchDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(database);
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        Console.WriteLine($"Seeding {clusterCount} clusters with {perCluster} configmaps each...");
        await SeedAsync(clusters, names, perCluster);

        var options = new ClusterSearchOptions { Resources = [ConfigMaps] };
        var status = new SyncStatusRegistry();
        using var writer = new ResourceIndexWriter(dataSource, new IndexVersions(redis, NullLogger<IndexVersions>.Instance), status,
            Options.Create(options), TimeProvider.System, NullLogger<ResourceIndexWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        // Ingest: every cluster listed and written.
        var ingest = Stopwatch.StartNew();
        var syncs = names.Select(n => new ClusterSync(n, "", clusters.Kubeconfig(n), options.EffectiveResources, writer, status, options, TimeProvider.System,
            NullLogger.Instance)).ToList();
        var synced = (long)clusterCount * perCluster;
        while (await CountAsync(dataSource) < synced)
        {
            await Task.Delay(20);
        }

        ingest.Stop();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        results.Add($"| initial sync of {synced:N0} configmaps from {clusterCount} clusters (list + write) | {ingest.Elapsed.TotalSeconds:F2} s, {synced / ingest.Elapsed.TotalSeconds:N0} objects/s |");
        results.Add($"| managed memory of the sync ({clusterCount} clusters watching, after the initial sync) | {(memoryAfter - memoryBefore) / 1048576.0:F1} MiB (process working set {Environment.WorkingSet / 1048576.0:F0} MiB, KubeSim included) |");

        Console.WriteLine($"Topping the index up to {total:N0} rows...");
        var topUp = Stopwatch.StartNew();
        var added = await TopUpAsync(dataSource, names, total - (int)synced);
        topUp.Stop();
        results.Add($"| bulk upsert of {added:N0} further rows (batches of 5,000, same statement as the writer) | {topUp.Elapsed.TotalSeconds:F1} s, {added / topUp.Elapsed.TotalSeconds:N0} rows/s |");
        await using (var analyze = dataSource.CreateCommand("ANALYZE resources"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        results.AddRange(await SearchVersusFanOutAsync(dataSource, clusters, names, total));
        results.AddRange(await FreshnessAsync(dataSource, clusters, names));

        foreach (var sync in syncs)
        {
            await sync.DisposeAsync();
        }

        await writer.StopAsync(CancellationToken.None);
        return results;
    }

    private static async Task SeedAsync(SimulatedClusters clusters, string[] names, int perCluster)
    {
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cluster, ct) =>
        {
            var client = clusters.Client(cluster);
            for (var i = 0; i < perCluster; i++)
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = $"svc-{i}", Labels = Labels(i) },
                    Data = new Dictionary<string, string> { ["config"] = "value" },
                }, "default", cancellationToken: ct);
            }
        });
    }

    private static Dictionary<string, string> Labels(int i) =>
        new() { ["app"] = $"app-{i % 10}", ["tier"] = Tiers[i % 2] };

    private static async Task<int> TopUpAsync(NpgsqlDataSource dataSource, string[] clusters, int count)
    {
        var written = 0;
        var batch = new List<IndexedObject>(5000);
        for (var i = 0; i < count; i++)
        {
            var cluster = clusters[i % clusters.Length];
            var ns = $"ns-{i / clusters.Length % 20}";
            var name = $"cm-{i}";
            var labels = JsonSerializer.Serialize(Labels(i));
            var json = "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\",\"uid\":\"" + Guid.NewGuid() + "\",\"resourceVersion\":\"1\",\"labels\":" + labels
                + ",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"data\":{\"config\":\"value\"}}";
            using var document = JsonDocument.Parse(json);
            batch.Add(IndexedObject.From(cluster, ConfigMaps, document.RootElement));
            if (batch.Count == 5000 || i == count - 1)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                written += await ResourceIndexStatements.UpsertAsync(connection, batch, CancellationToken.None);
                batch.Clear();
                if (written % 100_000 == 0)
                {
                    Console.WriteLine($"  {written:N0}");
                }
            }
        }

        return written;
    }

    private static async Task<List<string>> SearchVersusFanOutAsync(NpgsqlDataSource dataSource, SimulatedClusters clusters, string[] names, int total)
    {
        const string fuzzy = "7";
        var query = new SearchQuery([], [], [], LabelSelector.Parse("app=app-3"), [fuzzy], null, null, null, null,
            [new SearchOrder("name", false)], 100, 0, false);
        var search = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new SearchSql(ConfigMaps, query, ClusterScope.None with { All = true }).Page(connection, 101, 0);
            var items = new List<(string, string)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    items.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            _ = KubernetesList.Write(ConfigMaps, items.Take(100).ToList(), null, null);
            if (i >= 20)
            {
                search.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var connections = names.Select(n => (Name: n, Connection: ClusterConnection.FromKubeconfig(clusters.Kubeconfig(n)))).ToList();
        var fanOut = new List<double>();
        for (var i = 0; i < 22; i++)
        {
            var watch = Stopwatch.StartNew();
            var found = new ConcurrentBag<(string Cluster, string Name)>();
            await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, ct) =>
            {
                using var response = await c.Connection.GetAsync("api/v1/configmaps?labelSelector=app%3Dapp-3", ct);
                using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
                {
                    var name = item.GetProperty("metadata").GetProperty("name").GetString()!;
                    if (name.Contains(fuzzy, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add((c.Name, name));
                    }
                }
            });
            _ = found.OrderBy(f => f.Name, StringComparer.Ordinal).Take(100).ToList();
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
            $"| the same question by listing `app=app-3` from all {names.Length} clusters' APIs in parallel, filtering and sorting: p50 / p99 (20 runs) | {fanOutP50:F1} ms / {Percentiles.Of(fanOut, 99):F1} ms |",
            $"| search speed-up over fan-out (p50) | {fanOutP50 / searchP50:F1}x |",
        ];
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
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
