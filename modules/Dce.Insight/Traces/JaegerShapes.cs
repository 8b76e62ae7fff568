namespace Dce.Insight.Traces;

/// <summary>DCE's <c>v1alpha1TracesResponseChunk</c>.</summary>
public sealed record TracesChunk(IReadOnlyList<JaegerTrace> Traces);

/// <summary>DCE's <c>v1alpha1Trace</c>; <c>spans</c> (the whole tree, Jaeger's span shape) is filled for one trace only.</summary>
public sealed record JaegerTrace(string TraceId, string OperationName, string StartTime, string Duration, long SpanCount, string Status,
    IReadOnlyList<ProcessMapping> ProcessMap, IReadOnlyList<string> Warnings, string? Protocol, string? Method, string? StatusCode,
    IReadOnlyList<JaegerSpan>? Spans);

public sealed record ProcessMapping(string ProcessId, JaegerProcess Process);

public sealed record JaegerProcess(string ServiceName, IReadOnlyList<JaegerKeyValue> Tags);

/// <summary>DCE's <c>v1alpha1KeyValue</c>: the value in the field its <c>vType</c> names.</summary>
public sealed record JaegerKeyValue(string Key, string VType, string? VStr = null, bool? VBool = null, string? VInt64 = null, double? VFloat64 = null);

public sealed record JaegerSpan(string TraceId, string SpanId, string OperationName, IReadOnlyList<JaegerReference> References, string StartTime,
    string Duration, string Kind, string ProcessId, IReadOnlyList<JaegerKeyValue> Tags, IReadOnlyList<JaegerLog> Logs, string Status, string? StatusMessage,
    string? Cluster, string? Namespace);

public sealed record JaegerReference(string RefType, string TraceId, string SpanId);

public sealed record JaegerLog(string Timestamp, string Name, IReadOnlyList<JaegerKeyValue> Fields);

/// <summary>DCE's <c>v1alpha1SpanSummary</c>.</summary>
public sealed record SpanSummary(string TraceId, string SpanId, string OperationName, string ServiceName, string Status, string? Protocol,
    string? Method, string? StatusCode, string Duration, DateTime StartTime);

public sealed record Pagination(long Total, int Page, int PageSize, long Pages);

/// <summary>DCE's <c>v1alpha1SpansResponseChunk</c>.</summary>
public sealed record SpansChunk(IReadOnlyList<SpanSummary> Items, Pagination Pagination);

/// <summary>DCE's <c>v1alpha1ServiceItem</c>; <c>repLatency</c> is the median, with the 99th percentile beside it (milliseconds), and the cluster.</summary>
public sealed record ServiceItem(string ServiceName, string? Namespace, string? Cluster, double ReqRate, double RepLatency, double P99Latency, double ErrorRate);

public sealed record ServicesPage(IReadOnlyList<ServiceItem> Items, Pagination Pagination);

public sealed record ServiceNames(IReadOnlyList<string> Services);

public sealed record OperationNames(IReadOnlyList<string> Operations);

/// <summary>DCE's <c>v1alpha1QuerySpanHistogramResponse</c>.</summary>
public sealed record SpanHistogram(IReadOnlyList<SpanCountBucket> CountItems, IReadOnlyList<SpanDurationBucket> DurationItems);

/// <summary>DCE's <c>v1alpha1SpanCountHistogram</c>: the bucket's start in Unix milliseconds, counts as strings.</summary>
public sealed record SpanCountBucket(string Timestamp, string Normal, string Error, string Total);

/// <summary>DCE's <c>v1alpha1SpanDurationHistogram</c>: nanoseconds as strings.</summary>
public sealed record SpanDurationBucket(string Timestamp, string P75Duration, string P95Duration, string P99Duration, string AvgDuration);

/// <summary>DCE's <c>v1alpha1GetTagsResponse</c>.</summary>
public sealed record TagNames(IReadOnlyList<string> Tags);

/// <summary>DCE's <c>v1alpha1GetTagValuesResponse</c>.</summary>
public sealed record TagValues(IReadOnlyList<string> Values);
