using System.Text.Json.Nodes;
using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>The walk's call between two services: its traces, spans, services, tags and the service graph.</summary>
public static class TracesWalk
{
    public static async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var root = InsightContract.Root;
        var scope = $"cluster={target.Cluster}&namespace={target.Namespace}";
        var traces = await walk.GetAsync($"{root}/jaeger/v2/traces?serviceName={target.Caller}&{scope}");
        await walk.GetAsync($"{root}/jaeger/v2/traces/{traces?["traces"]?[0]?["traceId"]?.GetValue<string>()}");
        var spans = new { cluster = target.Cluster, @namespace = target.Namespace, serviceName = new[] { target.Callee } };
        await walk.CallAsync(HttpMethod.Post, $"{root}/jaeger/v2/spans", spans);
        await target.Blank.WalkAsync(walk, HttpMethod.Post, $"{root}/jaeger/v2/spans/histogram", new { spans.cluster, spans.@namespace, spans.serviceName, interval = "1m" });
        await walk.GetAsync($"{root}/traces/services?{scope}");
        await walk.GetAsync($"{root}/traces/service-names?{scope}");
        await walk.GetAsync($"{root}/traces/clusters/{target.Cluster}/operations?namespace={target.Namespace}&serviceName={target.Callee}");
        var tags = await walk.GetAsync($"{root}/traces/tags?{scope}");
        var tag = (tags?["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).FirstOrDefault() ?? "none";
        await walk.GetAsync($"{root}/traces/tags/{Uri.EscapeDataString(tag)}/values?{scope}");
        await target.Blank.WalkAsync(walk, HttpMethod.Post, $"{root}/service-graph/graph", new { clusters = new[] { target.Cluster }, namespaces = new[] { target.Namespace } });
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{root}/service-graph/node-metrics?{scope}&service={target.Callee}&lookback=3600000&step=600000");
    }
}
