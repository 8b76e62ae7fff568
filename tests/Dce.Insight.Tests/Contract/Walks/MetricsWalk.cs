using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>PromQL queries, one by one and in batches, and the overview built on the scraped series.</summary>
public static class MetricsWalk
{
    /// <summary>Batches answer one result per query, so an outsider's answer is a list of empty results rather than an empty list.</summary>
    public static readonly string[] BatchRoutes = [$"POST {InsightContract.Root}/metric/query", $"POST {InsightContract.Root}/metric/queryrange"];

    public static async Task RunAsync(ContractWalk walk, WalkTarget target, HttpClient outsider)
    {
        var up = Uri.EscapeDataString("up");
        var (start, end) = (DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await walk.GetAsync($"{InsightContract.Root}/metric/query?query={up}&cluster={target.Cluster}");
        await walk.GetAsync($"{InsightContract.Root}/metric/queryrange?query={up}&cluster={target.Cluster}&start={start}&end={end}&step=60");
        await walk.GetAsync($"{InsightContract.Root}/overview/resources/count");
        await walk.GetAsync($"{InsightContract.Root}/overview/resources/usage?start={start}&end={end}&step=60");
        await walk.GetAsync($"{InsightContract.Root}/overview/resources/range?start={start}&end={end}&step=60");

        var matchLabel = new { cluster = target.Cluster, @namespace = target.Namespace };
        var queryList = new[] { "kube_pod_info", "up" };
        var instant = new { matchLabel, queryList };
        var range = new { param = new { start = start.ToString(System.Globalization.CultureInfo.InvariantCulture), end, step = 60 }, matchLabel, queryList };
        await walk.CallAsync(HttpMethod.Post, $"{InsightContract.Root}/metric/query", instant, outsiderToo: false);
        await walk.CallAsync(HttpMethod.Post, $"{InsightContract.Root}/metric/queryrange", range, outsiderToo: false);
        foreach (var (path, body, shape) in new[] { ("query", (object)instant, "vector"), ("queryrange", range, "matrix") })
        {
            var seen = await (await outsider.PostAsJsonAsync($"{InsightContract.Root}/metric/{path}", body)).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonObject>();
            Assert.All(seen!["data"]!.AsArray(), result => Assert.Empty(result!["data"]![shape]!.AsArray()));
        }
    }
}
