namespace Dce.Testing;

/// <summary>
/// One PostgreSQL, Redis, RabbitMQ and VictoriaMetrics per test process, started on first use and stopped when the process exits.
/// Tests share them by using their own databases, key prefixes and queue names.
/// </summary>
public static class SharedMiddleware
{
    private static readonly Lazy<Task<LocalPostgres>> Postgres = new(() => LocalPostgres.StartAsync());
    private static readonly Lazy<Task<LocalRedis>> Redis = new(() => LocalRedis.StartAsync());
    private static readonly Lazy<Task<LocalRabbitMq>> RabbitMq = new(() => LocalRabbitMq.StartAsync());
    private static readonly Lazy<Task<LocalVictoriaMetrics>> VictoriaMetrics = new(() => LocalVictoriaMetrics.StartAsync());

    /// <summary>The shared PostgreSQL server.</summary>
    public static Task<LocalPostgres> PostgresAsync() => Postgres.Value;

    /// <summary>The shared Redis server.</summary>
    public static Task<LocalRedis> RedisAsync() => Redis.Value;

    /// <summary>The shared RabbitMQ node.</summary>
    public static Task<LocalRabbitMq> RabbitMqAsync() => RabbitMq.Value;

    /// <summary>The shared VictoriaMetrics server (tests keep apart by their own <c>cluster</c> label values).</summary>
    public static Task<LocalVictoriaMetrics> VictoriaMetricsAsync() => VictoriaMetrics.Value;
}
