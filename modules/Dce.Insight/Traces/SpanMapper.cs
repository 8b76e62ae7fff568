using System.Text;
using System.Text.Json;
using Dce.Insight.Traces.Otlp;
using Google.Protobuf.Collections;

namespace Dce.Insight.Traces;

/// <summary>Turns an OTLP export into the spans to store, and counts those refused with the reason.</summary>
internal static class SpanMapper
{
    public const string ServiceName = "service.name";
    public const string ClusterName = "k8s.cluster.name";
    public const string NamespaceName = "k8s.namespace.name";
    private const string UnknownService = "unknown_service";

    public sealed record Mapped(List<SpanRecord> Spans, long Rejected, string? Reason);

    /// <summary>Spans must have OTLP's id lengths and start between <paramref name="earliest"/> and <paramref name="latest"/>.</summary>
    public static Mapped Map(ExportTraceServiceRequest request, DateTime earliest, DateTime latest)
    {
        var spans = new List<SpanRecord>();
        long rejected = 0;
        string? reason = null;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = resourceSpans.Resource?.Attributes ?? [];
            var service = Text(StringAttribute(resource, ServiceName) ?? UnknownService);
            var cluster = StringAttribute(resource, ClusterName) is { } named ? Text(named) : null;
            var ns = cluster is null ? null : StringAttribute(resource, NamespaceName) is { } inNamespace ? Text(inNamespace) : null;
            var resourceJson = Json(resource);
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                var problem = Problem(span, earliest, latest);
                if (problem is not null)
                {
                    rejected++;
                    reason ??= problem;
                    continue;
                }

                var start = DateTime.UnixEpoch.AddTicks((long)(span.StartTimeUnixNano / 100));
                spans.Add(new SpanRecord(span.TraceId.ToByteArray(), span.SpanId.ToByteArray(),
                    span.ParentSpanId.IsEmpty ? null : span.ParentSpanId.ToByteArray(), service, Text(span.Name), (short)span.Kind, start,
                    (long)(span.EndTimeUnixNano - span.StartTimeUnixNano), (short)(span.Status?.Code ?? Status.Types.StatusCode.Unset),
                    string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message, Json(span.Attributes), Events(span.Events),
                    resourceJson, cluster, ns));
            }
        }

        return new Mapped(spans, rejected, reason);
    }

    private static string? Problem(Span span, DateTime earliest, DateTime latest)
    {
        if (span.TraceId.Length != 16 || span.TraceId.All(b => b == 0))
        {
            return "A span's trace_id is not 16 bytes, or is all zero.";
        }

        if (span.SpanId.Length != 8 || (!span.ParentSpanId.IsEmpty && span.ParentSpanId.Length != 8))
        {
            return "A span's span_id or parent_span_id is not 8 bytes.";
        }

        if (span.EndTimeUnixNano < span.StartTimeUnixNano || span.EndTimeUnixNano - span.StartTimeUnixNano > long.MaxValue)
        {
            return "A span ends before it starts, or lasts longer than nanoseconds can count.";
        }

        var start = DateTime.UnixEpoch.AddTicks((long)Math.Min(span.StartTimeUnixNano / 100, (ulong)DateTime.MaxValue.Ticks / 2));
        return start < earliest || start > latest
            ? $"A span starts outside the kept window ({earliest:O} to {latest:O})."
            : null;
    }

    private static string Text(string value) => value.Replace("\0", "", StringComparison.Ordinal);

    private static string? StringAttribute(RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(attribute => attribute.Key == key)?.Value is { ValueCase: AnyValue.ValueOneofCase.StringValue, StringValue: { Length: > 0 } value }
            ? value
            : null;

    private static string Json(RepeatedField<KeyValue> attributes) => Write(writer => WriteObject(writer, attributes));

    private static string Events(RepeatedField<Span.Types.Event> events) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var spanEvent in events)
        {
            writer.WriteStartObject();
            writer.WriteString("name", spanEvent.Name);
            writer.WriteNumber("time_unix_nano", spanEvent.TimeUnixNano);
            writer.WritePropertyName("attributes");
            WriteObject(writer, spanEvent.Attributes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        // PostgreSQL's jsonb refuses the NUL character that OTLP strings may carry.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\\u0000", "", StringComparison.Ordinal);
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValue> attributes)
    {
        writer.WriteStartObject();
        foreach (var attribute in attributes.DistinctBy(attribute => attribute.Key))
        {
            writer.WritePropertyName(attribute.Key);
            WriteValue(writer, attribute.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AnyValue? value)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: writer.WriteStringValue(value.StringValue); break;
            case AnyValue.ValueOneofCase.BoolValue: writer.WriteBooleanValue(value.BoolValue); break;
            case AnyValue.ValueOneofCase.IntValue: writer.WriteNumberValue(value.IntValue); break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue): writer.WriteNumberValue(value.DoubleValue); break;
            case AnyValue.ValueOneofCase.DoubleValue: writer.WriteStringValue(value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case AnyValue.ValueOneofCase.BytesValue: writer.WriteBase64StringValue(value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue: WriteObject(writer, value.KvlistValue.Values); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
