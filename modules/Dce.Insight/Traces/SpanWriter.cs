using Npgsql;
using NpgsqlTypes;

namespace Dce.Insight.Traces;

/// <summary>Writes spans with binary COPY, in batches, after making sure their days' partitions exist.</summary>
public sealed class SpanWriter(TraceDatabase database, TracePartitions partitions)
{
    private const int BatchSize = 5000;

    private const string Copy = $"COPY {TraceDatabase.Table} (trace_id, span_id, parent_span_id, service, operation, kind, start_time, duration_ns, " +
        "status_code, status_message, attributes, events, resource, cluster, namespace) FROM STDIN (FORMAT BINARY)";

    public async Task WriteAsync(IReadOnlyList<SpanRecord> spans, CancellationToken cancellationToken)
    {
        if (spans.Count == 0)
        {
            return;
        }

        await partitions.EnsureAsync(spans.Select(span => DateOnly.FromDateTime(span.StartTime)), cancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        foreach (var batch in spans.Chunk(BatchSize))
        {
            await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
            foreach (var span in batch)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(span.TraceId, NpgsqlDbType.Bytea, cancellationToken);
                await importer.WriteAsync(span.SpanId, NpgsqlDbType.Bytea, cancellationToken);
                await WriteNullableAsync(importer, span.ParentSpanId, NpgsqlDbType.Bytea, cancellationToken);
                await importer.WriteAsync(span.Service, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(span.Operation, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(span.Kind, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(span.StartTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(span.DurationNanos, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(span.StatusCode, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(importer, span.StatusMessage, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(span.Attributes, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(span.Events, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(span.Resource, NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(importer, span.Cluster, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, span.Namespace, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : class =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
