using System.Diagnostics;

namespace Dce.KubeSim.Benchmarks;

/// <summary>List latency over HTTP with 100,000 pods stored: a full list, a 500-item page and a label-selected list.</summary>
public static class ListBenchmark
{
    public static async Task<IEnumerable<string>> RunAsync(int podCount)
    {
        await using var host = await BenchmarkHost.StartAsync(TimeSpan.Zero);
        var pods = host.Sim.Type("", "pods");
        host.Sim.Objects.Create(host.Sim.Type("", "namespaces"), "", new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "fleet" } });
        var fill = Stopwatch.StartNew();
        for (var i = 0; i < podCount; i++)
        {
            host.Sim.Objects.Create(pods, "fleet", PodFixtures.ParkedPod($"pod-{i:D6}", i));
        }
        Console.WriteLine($"stored {podCount} pods in {fill.Elapsed.TotalSeconds:F1}s");
        using var http = host.Http();
        var full = await Median(http, "api/v1/namespaces/fleet/pods", 5);
        var page = await Median(http, "api/v1/namespaces/fleet/pods?limit=500", 21);
        var selected = await Median(http, "api/v1/namespaces/fleet/pods?labelSelector=shard%3Ds7", 11);
        var field = await Median(http, "api/v1/pods?fieldSelector=spec.nodeName%3Dparked-node-3", 11);
        return
        [
            $"| list all {podCount:N0} pods (one response, {full.Bytes / 1048576.0:F0} MiB) | {full.Median.TotalMilliseconds:F0} ms |",
            $"| list one page of 500 of {podCount:N0} pods (`limit=500`) | {page.Median.TotalMilliseconds:F1} ms |",
            $"| list 100 of {podCount:N0} pods by label selector | {selected.Median.TotalMilliseconds:F1} ms |",
            $"| list 1,000 of {podCount:N0} pods by field selector `spec.nodeName` | {field.Median.TotalMilliseconds:F1} ms |",
        ];
    }

    private static async Task<(TimeSpan Median, long Bytes)> Median(HttpClient http, string path, int runs)
    {
        var times = new List<TimeSpan>();
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            long read = 0;
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }
            times.Add(watch.Elapsed);
            bytes = read;
        }
        times.Sort();
        return (times[times.Count / 2], bytes);
    }
}
