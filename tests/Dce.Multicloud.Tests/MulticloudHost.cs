using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
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

namespace Dce.Multicloud.Tests;

/// <summary>
/// Multicloud Management in-process against the real PostgreSQL, Redis and RabbitMQ, with its own database, exchange and
/// queue, the real Global Management reached through its test server, and one instance whose control plane is named by
/// <paramref name="instanceKubeconfig"/>: embedded (the module runs the engine) or external (a Karmada runs its own).
/// </summary>
public sealed class MulticloudHost(GlobalManagementHost identity, string database, string messaging, string redis, string bus, byte[] credentialKey,
    string instance, string instanceKubeconfig, bool embedded, IReadOnlyList<string> allowNetworks) : WebApplicationFactory<Program>
{
    /// <summary>The simulated clusters listen on 127.0.0.1; the rest of loopback stays refused, as in any deployment.</summary>
    public static readonly IReadOnlyList<string> SimulatedClusterNetworks = ["127.0.0.1/32"];

    private static int _redisDatabases;

    /// <summary>Starts the module; it may reach clusters in <paramref name="allowNetworks"/> though refused by default (<see cref="SimulatedClusterNetworks"/> if not given).</summary>
    public static async Task<MulticloudHost> StartAsync(GlobalManagementHost identity, string instance, string instanceKubeconfig, bool embedded = true,
        IReadOnlyList<string>? allowNetworks = null)
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"kairship_{Guid.NewGuid():N}");
        await using (var db = new MulticloudDbContext(new DbContextOptionsBuilder<MulticloudDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        var host = new MulticloudHost(identity, database, (await SharedMiddleware.RabbitMqAsync()).ConnectionString,
            $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={Interlocked.Increment(ref _redisDatabases) % 12}",
            $"kairship-test-{Guid.NewGuid():N}", RandomNumberGenerator.GetBytes(32), instance, instanceKubeconfig, embedded,
            allowNetworks ?? SimulatedClusterNetworks);
        _ = host.Server;
        return host;
    }

    /// <summary>Seals kubeconfigs as Container Management does, under the key the module derives from its setting.</summary>
    public ClusterCredentialProtector Protector => ClusterCredentialProtector.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection([new(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey))]).Build());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:kairship-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey));
        builder.UseSetting("Dce:Identity:Authority", "http://ghippo");
        builder.UseSetting("Dce:Authorization:CacheDuration", "00:00:00.001");
        builder.UseSetting("Multicloud:Instances:0:Name", instance);
        builder.UseSetting("Multicloud:Instances:0:KubeconfigPath", instanceKubeconfig);
        builder.UseSetting("Multicloud:Instances:0:Embedded", embedded ? "true" : "false");
        for (var i = 0; i < allowNetworks.Count; i++)
        {
            builder.UseSetting($"Dce:Clusters:Outbound:AllowNetworks:{i}", allowNetworks[i]);
        }

        if (Environment.GetEnvironmentVariable("DCE_TEST_LOG") is { Length: > 0 } log)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new FileLogs(log)));
        }

        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<EventBusOptions>(options =>
            {
                // Global Management's exchange, so the audit records reach its log as on the platform.
                options.ExchangeName = identity.Exchange;
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
        await scope.ServiceProvider.GetRequiredService<MulticloudDbContext>().SaveChangesAsync();
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
