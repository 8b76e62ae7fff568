using System.Data.Common;

namespace Dce.Insight.Metrics;

/// <summary>Where the metrics engine is: <c>ConnectionStrings:metrics</c> = <c>Endpoint=...;Username=...;Password=...</c>.</summary>
public sealed record MetricsStoreOptions(Uri Endpoint, string? Username, string? Password)
{
    public const string ConnectionName = "metrics";

    public static MetricsStoreOptions Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} needs Endpoint=<http address of VictoriaMetrics>.");
        }

        return new MetricsStoreOptions(uri, parts.TryGetValue("Username", out var user) ? user?.ToString() : null,
            parts.TryGetValue("Password", out var password) ? password?.ToString() : null);
    }
}
