using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dce.ClusterSearch.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.Clusters;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dce.Testing.Hosts;

/// <summary>
/// Cluster Search in-process against the real PostgreSQL, Redis and RabbitMQ, with its own database, exchange and queue;
/// tokens and scopes come from <paramref name="identity"/> (the real Global Management), reached through its test server.
/// </summary>
public sealed class ClusterSearchHost(GlobalManagementHost identity, string database, string messaging, string redis, string bus, byte[] credentialKey)
    : WebApplicationFactory<Dce.ClusterSearch.Program>
{
    private static int _redisDatabases;

    /// <summary>Starts the module; <paramref name="onLoopback"/> serves it over HTTPS on a loopback port, for clients outside the process such as kubectl.</summary>
    public static async Task<ClusterSearchHost> StartAsync(GlobalManagementHost identity, string? database = null, string? bus = null, byte[]? credentialKey = null, bool onLoopback = false)
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        database ??= await postgres.CreateDatabaseAsync($"clustersearch_{Guid.NewGuid():N}");
        await using (var db = new ClusterSearchDbContext(new DbContextOptionsBuilder<ClusterSearchDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        var host = new ClusterSearchHost(identity, database, (await SharedMiddleware.RabbitMqAsync()).ConnectionString,
            $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={Interlocked.Increment(ref _redisDatabases) % 12}",
            bus ?? $"clustersearch-test-{Guid.NewGuid():N}", credentialKey ?? RandomNumberGenerator.GetBytes(32));
        if (onLoopback)
        {
            host.Certificate = new Dce.KubeSim.Tls.ServingCertificate();
            host.Address = LoopbackKestrel.StartHttps(host, host.Certificate.Certificate);
        }
        else
        {
            _ = host.Server;
        }

        return host;
    }

    /// <summary>Another replica of this module: the same database, Redis database, exchange and queue, and credential key.</summary>
    public ClusterSearchHost Replica() => new(identity, database, messaging, redis, bus, credentialKey);

    /// <summary>Where the module listens when started on loopback.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The certificate it serves HTTPS with when started on loopback, for a kubeconfig's certificate authority.</summary>
    public Dce.KubeSim.Tls.ServingCertificate? Certificate { get; private set; }

    public string Database => database;
    public string Bus => bus;
    public byte[] CredentialKey => credentialKey;
    /// <summary>Seals kubeconfigs as Container Management does, under the key the module derives from its setting.</summary>
    public ClusterCredentialProtector Protector => ClusterCredentialProtector.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection([new(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey))]).Build());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:clustersearch-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey));
        builder.UseSetting("Dce:Identity:Authority", "http://ghippo");
        builder.UseSetting("Dce:Authorization:CacheDuration", "00:00:00.001");
        builder.UseSetting("ClusterSearch:MaxRetryDelay", "00:00:01");
        builder.UseSetting("ClusterSearch:TypeRediscoveryInterval", "00:00:02");
        // The simulated clusters listen on 127.0.0.1; the rest of loopback stays refused, as in any deployment.
        builder.UseSetting("Dce:Clusters:Outbound:AllowNetworks:0", "127.0.0.1/32");
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
        });
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> through the module's own outbox, as Container Management would through its.</summary>
    public async Task PublishAsync(IntegrationEvent integrationEvent)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(integrationEvent);
        await scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>().SaveChangesAsync();
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = Certificate is { } served
            ? new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == served.Certificate.GetCertHashString() },
            })
            { BaseAddress = Address }
            : CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every row of the index: (cluster, group, resource, namespace, name) → resourceVersion.</summary>
    public async Task<Dictionary<string, string>> IndexAsync()
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT cluster, \"group\", resource, namespace, name, resource_version FROM resources", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[string.Join('|', reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))] = reader.GetString(5);
        }

        return rows;
    }
}
