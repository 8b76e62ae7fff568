namespace Dce.Insight.Traces;

/// <summary>DCE's <c>v1alpha1BaseGraphQuery</c>, the fields Insight reads: where to look and when.</summary>
public sealed record GraphQuery(IReadOnlyList<string>? Clusters, IReadOnlyList<string>? ClusterNames, IReadOnlyList<string>? Namespaces,
    IReadOnlyList<string>? Services, string? Start, string? End);

/// <summary>DCE's <c>v1alpha1Graph</c>: services as nodes, calls between them as edges.</summary>
public sealed record ServiceGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, string Layer, string GraphType);

public sealed record GraphNode(string Id, string Type, GraphNodeMetadata Metadata, IReadOnlyList<GraphStatus> Statuses);

public sealed record GraphNodeMetadata(string? Cluster, string? Namespace, string Service, string Name);

public sealed record GraphEdge(string Id, string Source, string Target, IReadOnlyList<GraphStatus> Statuses);

/// <summary>One figure of a node or edge: <c>req_rate</c> (per second), <c>error_rate</c> (0 to 1), <c>latency_p50</c> and <c>latency_p99</c> (milliseconds).</summary>
public sealed record GraphStatus(string Name, double Value);

/// <summary>The figures of server spans over a window, per service or per calling service.</summary>
public sealed record CallFigures(long Calls, long Errors, double P50Nanos, double P99Nanos)
{
    public IReadOnlyList<GraphStatus> Statuses(double seconds) =>
    [
        new("req_rate", Calls / seconds),
        new("error_rate", Calls == 0 ? 0 : (double)Errors / Calls),
        new("latency_p50", P50Nanos / 1e6),
        new("latency_p99", P99Nanos / 1e6),
    ];
}

/// <summary>DCE's <c>v1alpha1NodeMetricResponse</c>: rates per second, error share, mean latency in milliseconds.</summary>
public sealed record NodeMetrics(IReadOnlyList<SampleStream> ReqRateMetric, IReadOnlyList<SampleStream> ErrorsRateMetrics, IReadOnlyList<SampleStream> RepLatencyMetric);

/// <summary>DCE's <c>v1alpha1SampleStream</c>.</summary>
public sealed record SampleStream(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<SamplePair> Values);

/// <summary>DCE's <c>v1alpha1samplePair</c>: Unix milliseconds and the value, as strings.</summary>
public sealed record SamplePair(string Timestamp, string Value);
