using System.Globalization;
using Dce.ContainerManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.Clusters;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Testing.Hosts;

/// <summary>
/// Container Management's own Program on a loopback port against the real PostgreSQL, Redis and RabbitMQ (its own
/// database and queue, on Global Management's exchange as in the platform), joining the simulated clusters of <c>kubeconfigDirectory</c> at start and asking
/// <c>identity</c> (the real Global Management) about tokens and permissions.
/// </summary>
public sealed class ContainerManagementHost(Uri identity, string exchange, string database, string redis, string messaging, string kubeconfigDirectory, TimeSpan healthInterval)
    : WebApplicationFactory<Dce.ContainerManagement.Program>
{
    private string _bus = $"kpanda-{Guid.NewGuid():N}";

    /// <summary>Where Container Management listens.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts another replica of this module: the same database, Redis database, exchange and queue.</summary>
    public ContainerManagementHost StartReplica()
    {
        var replica = new ContainerManagementHost(identity, exchange, database, redis, messaging, kubeconfigDirectory, healthInterval) { _bus = _bus };
        replica.Address = LoopbackKestrel.Start(replica);
        return replica;
    }

    /// <summary>The module's database.</summary>
    public string Database => database;

    public static async Task<ContainerManagementHost> StartAsync(Uri identity, string exchange, string kubeconfigDirectory, TimeSpan healthInterval, int redisDatabase = 13)
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"kpanda_{Guid.NewGuid():N}");
        await using (var db = new ContainerManagementDbContext(new DbContextOptionsBuilder<ContainerManagementDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.MigrateAsync();
        }

        var server = new ContainerManagementHost(identity, exchange, database, $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={redisDatabase}",
            (await SharedMiddleware.RabbitMqAsync()).ConnectionString, kubeconfigDirectory, healthInterval);
        server.Address = LoopbackKestrel.Start(server);
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:kpanda-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting(ClusterCredentialProtector.KeySetting, "cluster-credential-key-of-the-in-process-platform");
        builder.UseSetting("Dce:Identity:Authority", identity.ToString());
        builder.UseSetting("Dce:Authorization:Endpoint", identity.ToString());
        builder.UseSetting("Kubernetes:KubeconfigDirectory", kubeconfigDirectory);
        builder.UseSetting("ContainerManagement:HealthInterval", healthInterval.ToString());
        // The simulated clusters listen on 127.0.0.1; the rest of loopback stays refused, as in any deployment.
        builder.UseSetting("Dce:Clusters:Outbound:AllowNetworks:0", "127.0.0.1/32");
        builder.ConfigureLogging(logging => logging.AddFilter((_, level) => level >= LogLevel.Warning));
        builder.ConfigureTestServices(services => services.PostConfigure<EventBusOptions>(options =>
        {
            options.ExchangeName = exchange;
            options.ServiceName = _bus;
        }));
    }
}
