
namespace Dce.KubeSim.Benchmarks;

/// <summary>Managed memory held per 10,000 stored pods (store, indexes and watch history included).</summary>
public static class MemoryBenchmark
{
    public static async Task<IEnumerable<string>> RunAsync(int podCount)
    {
        await using var host = await BenchmarkHost.StartAsync(TimeSpan.Zero);
        var pods = host.Sim.Type("", "pods");
        host.Sim.Objects.Create(host.Sim.Type("", "namespaces"), "", new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "memory" } });
        await Task.Delay(500);
        var before = Settle();
        for (var i = 0; i < podCount; i++)
        {
            host.Sim.Objects.Create(pods, "memory", PodFixtures.ParkedPod($"pod-{i:D6}", i));
        }
        var after = Settle();
        var sample = host.Sim.Store.Get(pods.StorageKey, "memory", "pod-000001")!.Json.Length;
        return [$"| managed memory per {podCount:N0} pods (pod JSON ~{sample / 1024.0:F1} KiB each) | {(after - before) / 1048576.0:F1} MiB |"];
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
