using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>The walk's pod's container log lines: queried, searched, counted per interval, and read around one line.</summary>
public static class LogsWalk
{
    public static async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var log = $"{InsightContract.Root}/log";
        var resource = new { clusterFilter = new[] { target.Cluster }, namespaceFilter = new[] { target.Namespace }, podFilter = new[] { target.Pod } };
        var lines = await walk.CallAsync(HttpMethod.Post, $"{log}/query", new { resource });
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{log}/search?query={target.Deployment}&cluster={target.Cluster}&namespace={target.Namespace}&pod={target.Pod}");
        await walk.CallAsync(HttpMethod.Post, $"{log}/histogram", new { resource, interval = "5m" });
        var line = lines?["items"]?[0]?["labels"];
        await walk.CallAsync(HttpMethod.Post, $"{log}/context", new
        {
            resource = new { cluster = target.Cluster, @namespace = target.Namespace, pod = target.Pod, container = line?["container_name"]?.GetValue<string>() },
            nanotimestamp = line?["nanotimestamp"]?.GetValue<string>(),
            before = 5,
            after = 5,
        });
    }
}
