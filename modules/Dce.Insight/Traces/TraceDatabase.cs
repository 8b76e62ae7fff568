using Npgsql;

namespace Dce.Insight.Traces;

/// <summary>Connections to Insight's database for the span table, which is written by COPY and read by SQL that EF cannot express.</summary>
public sealed class TraceDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string Table = "trace_spans";

    public NpgsqlDataSource DataSource => dataSource;

    public static TraceDatabase FromConnectionString(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
