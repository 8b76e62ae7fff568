using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dce.EventBus;
using Dce.Insight.Infrastructure;
using Dce.Platform.Contracts.Clusters;
using Dce.Testing;
using Dce.Testing.Hosts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Insight.Tests;

/// <summary>
/// Insight in-process against the real PostgreSQL, Redis, RabbitMQ and VictoriaMetrics, with its own database, exchange
/// and queue; tokens and scopes come from <paramref name="identity"/> (the real Global Management).
/// </summary>
public sealed class InsightHost(GlobalManagementHost identity, string database, string messaging, string redis, string metrics, string bus, byte[] credentialKey)
    : WebApplicationFactory<Program>
{
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    /// <summary>The key senders of spans present, made afresh for each test run.</summary>
    public static readonly string TraceIngestKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private static int _redisDatabases;

    /// <summary>Settings a fixture adds (alerting's engines and secret).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private init; } = new Dictionary<string, string?>();

    public static async Task<InsightHost> StartAsync(GlobalManagementHost identity, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"insight_{Guid.NewGuid():N}");
        await using (var db = new InsightDbContext(new DbContextOptionsBuilder<InsightDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        var host = new InsightHost(identity, database, (await SharedMiddleware.RabbitMqAsync()).ConnectionString,
            $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={Interlocked.Increment(ref _redisDatabases) % 12}",
            (await SharedMiddleware.VictoriaMetricsAsync()).ConnectionString, $"insight-test-{Guid.NewGuid():N}", RandomNumberGenerator.GetBytes(32))
        {
            Settings = settings ?? new Dictionary<string, string?>(),
        };
        _ = host.Server;
        return host;
    }

    /// <summary>Seals kubeconfigs as Container Management does, under the key the module derives from its setting.</summary>
    public ClusterCredentialProtector Protector => ClusterCredentialProtector.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection([new(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey))]).Build());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:insight-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("ConnectionStrings:metrics", metrics);
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey));
        builder.UseSetting("Dce:Identity:Authority", "http://ghippo");
        builder.UseSetting("Dce:Authorization:CacheDuration", "00:00:00.001");
        builder.UseSetting("Insight:ScrapeInterval", ScrapeInterval.ToString());
        builder.UseSetting("Insight:Traces:IngestKeys:0", TraceIngestKey);
        // The simulated clusters listen on 127.0.0.1; the rest of loopback stays refused, as in any deployment.
        builder.UseSetting("Dce:Clusters:Outbound:AllowNetworks:0", "127.0.0.1/32");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Environment.GetEnvironmentVariable("DCE_TEST_LOG") is { Length: > 0 } log)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new FileLogs(log)));
        }

        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<EventBusOptions>(options =>
            {
                options.ExchangeName = bus;
                options.ServiceName = bus;
                options.RelayPollInterval = TimeSpan.FromMilliseconds(100);
            });
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler()));
            // The metrics engine is a real server, not Global Management's test server.
            services.AddHttpClient<Metrics.MetricsStore>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
            services.AddHttpClient<Alerting.AlertmanagerClient>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
            services.AddHttpClient(Alerting.RuleFiles.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
            services.AddHttpClient(Alerting.DeliveryLoop.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        });
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> through the module's own outbox, as Container Management would through its.</summary>
    public async Task PublishAsync(IntegrationEvent integrationEvent)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(integrationEvent);
        await scope.ServiceProvider.GetRequiredService<InsightDbContext>().SaveChangesAsync();
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
