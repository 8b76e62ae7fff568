namespace Dce.Insight.Traces;

/// <summary>DCE's <c>v1alpha1SpanQueryParameters</c>, the fields Insight reads.</summary>
internal sealed record SpanQuery(string? Cluster, string? ClusterName, string? Namespace, IReadOnlyList<string>? ServiceName, IReadOnlyList<string>? OperationName,
    string? DurationMin, string? DurationMax, string? Start, string? End, string? TraceId, int? Page, int? PageSize, string? Sort, bool? OnlyErrorSpans,
    string? Interval);
