using System.Diagnostics;
using System.Globalization;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Benchmarks;

/// <summary>Time from creating a 1,000-replica Deployment (over the API) until all 1,000 pods are Running and Ready.</summary>
public static class RolloutBenchmark
{
    public static async Task<IEnumerable<string>> RunAsync(TimeSpan podStartupDelay)
    {
        await using var host = await BenchmarkHost.StartAsync(podStartupDelay);
        using var http = host.Http();
        await http.PostAsync("api/v1/namespaces", Content("""{"metadata":{"name":"rollout"}}"""));
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsync("apis/apps/v1/namespaces/rollout/deployments", Content(PodFixtures.Deployment("web", 1000).ToJsonString()));
        response.EnsureSuccessStatusCode();
        var pods = host.Sim.Type("", "pods");
        TimeSpan? allRunning = null;
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            var running = host.Sim.Store.List(pods.StorageKey, "rollout", p => p.Phase == "Running" && p.Ready).Items.Count;
            if (running >= 1000 && allRunning is null)
            {
                allRunning = watch.Elapsed;
            }
            var deployment = host.Sim.Store.Get(host.Sim.Type("apps", "deployments").StorageKey, "rollout", "web")!.Parse();
            if (allRunning is not null && deployment.At("status").Long("availableReplicas") == 1000)
            {
                break;
            }
            await Task.Delay(20);
        }
        var available = watch.Elapsed;
        var delay = podStartupDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"rollout (startup delay {delay} ms): running {allRunning?.TotalSeconds:F2}s, available {available.TotalSeconds:F2}s");
        return
        [
            $"| 1,000 pods of one Deployment Running and Ready (pod start-up delay {delay} ms) | {allRunning?.TotalSeconds:F2} s |",
            $"| ... and the Deployment reporting 1,000 available (pod start-up delay {delay} ms) | {available.TotalSeconds:F2} s |",
        ];
    }

    internal static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
