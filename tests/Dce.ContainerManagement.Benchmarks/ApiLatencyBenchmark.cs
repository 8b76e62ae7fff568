using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.ContainerManagement.Clusters;
using Dce.Testing;
using Dce.Testing.Hosts;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ContainerManagement.Benchmarks;

/// <summary>
/// Latency of Container Management's two busiest reads, through its real HTTP pipeline (token check, permission
/// question to Global Management, Redis, PostgreSQL, the cluster's API over HTTPS): the cluster list with every
/// cluster's cached health summary, and the Deployment list of one namespace. Requests are sent one after another
/// by one client; the health loop keeps running at the module's default interval meanwhile.
/// </summary>
internal static class ApiLatencyBenchmark
{
    private const string Namespace = "bench";
    private const int WarmUp = 30;
    private const int HealthRounds = 5;

    public static async Task<List<string>> RunAsync(int clusterCount, int deploymentCount, int requests)
    {
        var names = Enumerable.Range(0, clusterCount).Select(i => $"c-{i:000}").ToList();
        var clock = Stopwatch.StartNew();
        await using var platform = await ContainerManagementPlatform.StartAsync(names, healthInterval: TimeSpan.FromSeconds(10));
        Console.WriteLine($"{clusterCount} simulated clusters, Global Management and Container Management started in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await platform.WaitForSummariesAsync(names, TimeSpan.FromMinutes(5));
        Console.WriteLine($"all {clusterCount} clusters joined with a health summary after {clock.Elapsed.TotalSeconds:0.0} s");

        var results = new List<string>();
        using var client = platform.AdminClient();
        var clusterList = await MeasureAsync(client, $"/apis/kpanda.io/v1alpha1/clusters?pageSize={clusterCount}", requests, list => Count(list) == clusterCount);
        results.Add(Row($"`GET .../clusters?pageSize={clusterCount}`, {clusterCount} clusters with cached summaries: p50 / p99 ({requests} requests)", clusterList));

        var cluster = names[0];
        clock.Restart();
        await SeedDeploymentsAsync(platform, cluster, deploymentCount);
        Console.WriteLine($"{deploymentCount} Deployments created in {cluster}/{Namespace} in {clock.Elapsed.TotalSeconds:0.0} s");
        var deploymentList = await MeasureAsync(client, $"/apis/kpanda.io/v1alpha1/clusters/{cluster}/namespaces/{Namespace}/deployments?pageSize=100", requests,
            list => Count(list) == Math.Min(100, deploymentCount) && list.GetProperty("pagination").GetProperty("total").GetInt32() == deploymentCount);
        results.Add(Row($"`GET .../clusters/{{cluster}}/namespaces/{{ns}}/deployments?pageSize=100`, {deploymentCount} Deployments in the namespace: p50 / p99 ({requests} requests)", deploymentList));

        var monitor = platform.Module.Services.GetRequiredService<ClusterHealthMonitor>();
        var rounds = new List<double>();
        for (var i = 0; i < HealthRounds; i++)
        {
            var round = Stopwatch.StartNew();
            await monitor.RunOnceAsync(CancellationToken.None);
            rounds.Add(round.Elapsed.TotalMilliseconds);
        }

        results.Add($"| health round over {clusterCount} clusters (probe every cluster, write its summary to Redis): median of {HealthRounds} | {Ms(Percentiles.Of(rounds, 50))} |");
        return results;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string path, int requests, Func<JsonElement, bool> isComplete)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(path);
            if (!isComplete(answer))
            {
                throw new InvalidOperationException($"{path} answered an incomplete list: {answer.ToString()[..Math.Min(400, answer.ToString().Length)]}");
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

    private static async Task SeedDeploymentsAsync(ContainerManagementPlatform platform, string cluster, int count)
    {
        using var kube = platform.Clusters.Client(cluster);
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await kube.AppsV1.CreateNamespacedDeploymentAsync(Deployment($"web-{i:0000}"), Namespace);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static V1Deployment Deployment(string name)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
                },
            },
        };
    }

    private static int Count(JsonElement list) => list.GetProperty("items").GetArrayLength();

    private static string Row(string measurement, IReadOnlyList<double> samples) =>
        $"| {measurement} | {Ms(Percentiles.Of(samples, 50))} / {Ms(Percentiles.Of(samples, 99))} |";

    private static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
