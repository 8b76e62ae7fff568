namespace Dce.Insight.Traces;

/// <summary>One span as Insight stores it: ids as bytes, times in UTC, attributes, events and resource as JSON.</summary>
public sealed record SpanRecord(
    byte[] TraceId,
    byte[] SpanId,
    byte[]? ParentSpanId,
    string Service,
    string Operation,
    short Kind,
    DateTime StartTime,
    long DurationNanos,
    short StatusCode,
    string? StatusMessage,
    string Attributes,
    string Events,
    string Resource,
    string? Cluster,
    string? Namespace);

/// <summary>OTLP's span kinds and status codes, as stored.</summary>
public static class SpanCodes
{
    public const short Server = 2;
    public const short Consumer = 5;
    public const short StatusError = 2;

    public static readonly string[] KindNames = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
}
