using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using Dce.Testing.Hosts;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Benchmarks;

/// <summary>
/// The cluster-wide pod list of one large cluster and the all-cluster list over many clusters, through the module's
/// real HTTP pipeline (token, permission question, cluster over HTTPS), answered from the watch-fed lists (the
/// default) and, for comparison, by a second replica that lists the cluster at every request
/// (<c>ContainerManagement:WatchedListIdle=0</c>). Requests are sent one after another by one client.
/// </summary>
internal static class ClusterWideListBenchmark
{
    private const int WarmUp = 20;
    private const string Namespace = "bench";

    public static async Task<List<string>> RunAsync(int pods, int clusterCount, int requests)
    {
        var names = Enumerable.Range(0, clusterCount).Select(i => $"c-{i:000}").ToList();
        var clock = Stopwatch.StartNew();
        await using var platform = await ContainerManagementPlatform.StartAsync(names, healthInterval: TimeSpan.FromSeconds(10));
        await platform.WaitForSummariesAsync(names, TimeSpan.FromMinutes(5));
        Console.WriteLine($"{clusterCount} clusters joined in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await SeedPodsAsync(platform, names[0], pods);
        Console.WriteLine($"{pods} pods created in {names[0]} in {clock.Elapsed.TotalSeconds:0.0} s");
        await SeedPodsAsync(platform, names.Skip(1), podsPerCluster: 10);

        var results = new List<string>();
        using var client = platform.AdminClient();
        var podList = $"/apis/kpanda.io/v1alpha1/clusters/{names[0]}/pods?pageSize=10";
        results.Add(Row($"`GET .../clusters/{{cluster}}/pods?pageSize=10`, {pods} pods, watch-fed (default)",
            await MeasureAsync(client, podList, requests, total: pods)));
        var everywhere = "/apis/kpanda.io/v1alpha1/asl/pods?pageSize=10";
        results.Add(Row($"`GET .../asl/pods?pageSize=10` over {clusterCount} clusters ({pods + (clusterCount - 1) * 10} pods), watch-fed (default)",
            await MeasureAsync(client, everywhere, requests, total: pods + (clusterCount - 1) * 10)));

        Environment.SetEnvironmentVariable("ContainerManagement__WatchedListIdle", "00:00:00");
        await using var direct = platform.Module.StartReplica();
        using var directClient = new HttpClient { BaseAddress = direct.Address };
        directClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        results.Add(Row($"`GET .../clusters/{{cluster}}/pods?pageSize=10`, {pods} pods, listed from the cluster at every request",
            await MeasureAsync(directClient, podList, Math.Min(requests, 100), total: pods)));
        results.Add(Row($"`GET .../asl/pods?pageSize=10` over {clusterCount} clusters, listed from every cluster at every request",
            await MeasureAsync(directClient, everywhere, Math.Min(requests, 100), total: pods + (clusterCount - 1) * 10)));
        return results;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string path, int requests, int total)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(path);
            var seen = answer.GetProperty("pagination").GetProperty("total").GetInt32();
            // The clusters' own system pods count too.
            if (seen < total)
            {
                throw new InvalidOperationException($"{path} counted {seen} objects, fewer than the {total} created");
            }
        }

        var samples = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var request = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            _ = await response.Content.ReadAsByteArrayAsync();
            samples.Add(request.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return samples;
    }

    private static async Task SeedPodsAsync(ContainerManagementPlatform platform, string cluster, int count)
    {
        using var kube = platform.Clusters.Client(cluster);
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await kube.CoreV1.CreateNamespacedPodAsync(Pod($"web-{i:00000}"), Namespace);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static Task SeedPodsAsync(ContainerManagementPlatform platform, IEnumerable<string> clusters, int podsPerCluster) =>
        Task.WhenAll(clusters.Select(c => SeedPodsAsync(platform, c, podsPerCluster)));

    // Bound to nodes the cluster does not have, so the pods stay as written: the list is measured, not a scheduler
    // working through thousands of pods that do not fit on the simulated nodes.
    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = name[^1..] } },
        Spec = new V1PodSpec
        {
            NodeName = $"bench-node-{name[^2..]}",
            Containers = [new V1Container { Name = "web", Image = "nginx:1.27", Ports = [new V1ContainerPort { ContainerPort = 80 }] }],
        },
    };

    private static string Row(string measurement, IReadOnlyList<double> samples) =>
        $"| {measurement} ({samples.Count} requests): p50 / p99 | {Ms(Percentiles.Of(samples, 50))} / {Ms(Percentiles.Of(samples, 99))} |";

    private static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
