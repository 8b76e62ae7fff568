using System.Security.Cryptography;
using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.EventBus;
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

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// The Cluster Search module's own Program on a loopback port, answering from an index another sync already filled (the
/// benchmark's). Its clusters are known to it as not running, so its supervisor keeps their rows searchable as last seen
/// and syncs nothing itself; tokens and scopes come from Global Management at <paramref name="identity"/>.
/// </summary>
internal sealed class IndexedSearchHost(Uri identity, string database, string redis, string messaging, byte[] credentialKey)
    : WebApplicationFactory<Dce.ClusterSearch.Program>
{
    private readonly string _bus = $"clustersearch-bench-{Guid.NewGuid():N}";

    /// <summary>Where the module listens.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// Records <paramref name="kubeconfigs"/> (cluster → kubeconfig) as known, not running clusters of the index in
    /// <paramref name="database"/>, then starts the module; <paramref name="redis"/> must be the Redis the index's writer
    /// bumps its versions in, so cached answers end when the index changes.
    /// </summary>
    public static async Task<IndexedSearchHost> StartAsync(Uri identity, string database, string redis, IReadOnlyDictionary<string, string> kubeconfigs)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var protector = ClusterCredentialProtector.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(key))]).Build());
        await using (var db = new ClusterSearchDbContext(new DbContextOptionsBuilder<ClusterSearchDbContext>().UseNpgsql(database).Options))
        {
            foreach (var (cluster, kubeconfig) in kubeconfigs)
            {
                db.Clusters.Add(new KnownCluster
                {
                    Name = cluster, Provider = "simulated", ProtectedKubeconfig = protector.Protect(kubeconfig), Phase = "Unknown", UpdatedAt = DateTimeOffset.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }

        var host = new IndexedSearchHost(identity, database, redis, (await SharedMiddleware.RabbitMqAsync()).ConnectionString, key);
        host.Address = LoopbackKestrel.Start(host);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:clustersearch-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting(ClusterCredentialProtector.KeySetting, Convert.ToBase64String(credentialKey));
        builder.UseSetting("Dce:Identity:Authority", identity.ToString());
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Dce:Authorization:Endpoint", identity.ToString());
        builder.ConfigureLogging(logging => logging.AddFilter((_, level) => level >= LogLevel.Warning));
        builder.ConfigureTestServices(services => services.PostConfigure<EventBusOptions>(options =>
        {
            options.ExchangeName = _bus;
            options.ServiceName = _bus;
        }));
    }
}
