using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>PromQL queries, one by one and in batches, and the overview built on the scraped series.</summary>
public static class MetricsWalk
{
    public static async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var up = Uri.EscapeDataString("up");
        var (start, end) = (DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await walk.GetAsync($"{InsightContract.Root}/metric/query?query={up}&cluster={target.Cluster}");
        await walk.GetAsync($"{InsightContract.Root}/metric/queryrange?query={up}&cluster={target.Cluster}&start={start}&end={end}&step=60");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{InsightContract.Root}/overview/resources/count");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{InsightContract.Root}/overview/resources/usage?start={start}&end={end}&step=60");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{InsightContract.Root}/overview/resources/range?start={start}&end={end}&step=60");

        var matchLabel = new { cluster = target.Cluster, @namespace = target.Namespace };
        var queryList = new[] { "kube_pod_info", "up" };
        var instant = new { matchLabel, queryList };
        var range = new { param = new { start = start.ToString(System.Globalization.CultureInfo.InvariantCulture), end, step = 60 }, matchLabel, queryList };
        await target.Blank.WalkAsync(walk, HttpMethod.Post, $"{InsightContract.Root}/metric/query", instant);
        await target.Blank.WalkAsync(walk, HttpMethod.Post, $"{InsightContract.Root}/metric/queryrange", range);
    }
}
