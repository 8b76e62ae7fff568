using System.Diagnostics;

namespace Dce.KubeSim.Benchmarks;

/// <summary>Fan-out: 50 HTTP watches on one namespace; time until every watcher has every one of 500 changes.</summary>
public static class WatchBenchmark
{
    public static async Task<IEnumerable<string>> RunAsync(int watchers, int events)
    {
        await using var host = await BenchmarkHost.StartAsync(TimeSpan.Zero);
        using var http = host.Http();
        await http.PostAsync("api/v1/namespaces", RolloutBenchmark.Content("""{"metadata":{"name":"fanout"}}"""));
        var rv = host.Sim.Store.ResourceVersion;
        var received = new int[watchers];
        var streams = new List<Task>();
        using var stop = new CancellationTokenSource();
        for (var w = 0; w < watchers; w++)
        {
            var index = w;
            streams.Add(Task.Run(async () =>
            {
                using var response = await http.GetAsync($"api/v1/namespaces/fanout/configmaps?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                while (await reader.ReadLineAsync(stop.Token) is not null)
                {
                    if (Interlocked.Increment(ref received[index]) == events)
                    {
                        return;
                    }
                }
            }));
        }
        while (host.Sim.Store.WatcherCount < watchers)
        {
            await Task.Delay(10);
        }
        var watch = Stopwatch.StartNew();
        var configMaps = host.Sim.Type("", "configmaps");
        for (var i = 0; i < events; i++)
        {
            await http.PostAsync("api/v1/namespaces/fanout/configmaps", RolloutBenchmark.Content($$$"""{"metadata":{"name":"cm-{{{i}}}"},"data":{"k":"v"}}"""));
        }
        var written = watch.Elapsed;
        await Task.WhenAll(streams).WaitAsync(TimeSpan.FromMinutes(2));
        var delivered = watch.Elapsed;
        await stop.CancelAsync();
        _ = configMaps;
        var total = watchers * events;
        return
        [
            $"| {events} creates over HTTP while {watchers} watchers are open | {written.TotalMilliseconds:F0} ms |",
            $"| all {total:N0} watch events delivered to {watchers} watchers | {delivered.TotalMilliseconds:F0} ms ({total / delivered.TotalSeconds:N0} events/s) |",
        ];
    }
}
