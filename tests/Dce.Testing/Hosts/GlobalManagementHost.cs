using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dce.GlobalManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Testing.Hosts;

/// <summary>
/// The real Global Management in-process against the shared PostgreSQL, Redis and RabbitMQ, with its own database and
/// exchange: it signs the tokens and answers the permission questions of the other modules.
/// </summary>
public class GlobalManagementHost : WebApplicationFactory<Dce.GlobalManagement.Program>
{
    /// <summary>The Redis database where the modules read the security stamps Global Management mirrors.</summary>
    public const int StampDatabase = 14;

    public const string AdminName = "admin";
    public const string AdminPassword = "Bootstrap-Root-Pa55";
    public const string Passphrase = "signing-key-passphrase-for-tests";
    private static int _redisDatabases;
    private string _bus = $"ghippo-test-{Guid.NewGuid():N}";
    private string _database = "";
    private string _redis = "";
    private string _messaging = "";

    /// <summary>Every log line the module wrote.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// The Redis database of the shared server the module uses; null gives each host a database of its own.
    /// Other modules read the stamps in <see cref="StampDatabase"/>.
    /// </summary>
    public int? RedisDatabase { get; init; }

    /// <summary>The lowest level logged; null keeps the module's configured levels.</summary>
    public LogLevel? MinimumLogLevel { get; init; } = LogLevel.Debug;

    /// <summary>The module's Redis, which other modules share on the platform.</summary>
    public string RedisConnectionString => _redis;

    /// <summary>The exchange the platform's modules publish on; Global Management learns joined clusters there.</summary>
    public string Exchange => _bus;

    /// <summary>Where the module listens once <see cref="StartOnLoopback"/> started it on a real port.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The bootstrap password the AppHost would pass; null lets the module generate one.</summary>
    protected virtual string? ConfiguredAdminPassword => AdminPassword;

    /// <summary>Starts the module on Kestrel at a free loopback port, as the platform runs it, and answers the host.</summary>
    public static async Task<GlobalManagementHost> StartOnLoopbackAsync(int? redisDatabase = StampDatabase, LogLevel? minimumLogLevel = LogLevel.Warning)
    {
        var host = new GlobalManagementHost { RedisDatabase = redisDatabase, MinimumLogLevel = minimumLogLevel };
        await host.InitializeAsync();
        host.StartOnLoopback();
        return host;
    }

    /// <summary>Creates and migrates the module's database and picks its Redis database and broker.</summary>
    public async Task InitializeAsync()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        _database = await postgres.CreateDatabaseAsync($"ghippo_{Guid.NewGuid():N}");
        _redis = await RedisConnectionStringAsync();
        _messaging = (await SharedMiddleware.RabbitMqAsync()).ConnectionString;
        await using var db = Database();
        await db.Database.MigrateAsync();
    }

    /// <summary>Another replica of this module: the same database, Redis database and exchange (its queue shared, as replicas share it).</summary>
    public GlobalManagementHost Replica() => new()
    {
        RedisDatabase = RedisDatabase,
        MinimumLogLevel = MinimumLogLevel,
        _database = _database,
        _redis = _redis,
        _messaging = _messaging,
        _bus = _bus,
    };

    /// <summary>Serves the module on a real loopback port (<see cref="Address"/>) instead of the test server.</summary>
    public void StartOnLoopback() => Address = LoopbackKestrel.Start(this);

    /// <summary>The Redis the module uses: a database of the shared server unless a fixture owns its own server.</summary>
    protected virtual async Task<string> RedisConnectionStringAsync()
    {
        var redis = await SharedMiddleware.RedisAsync();
        return $"{redis.ConnectionString},defaultDatabase={RedisDatabase ?? Interlocked.Increment(ref _redisDatabases) % 16}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:ghippo-db", _database);
        builder.UseSetting("ConnectionStrings:redis", _redis);
        builder.UseSetting("ConnectionStrings:messaging", _messaging);
        if (ConfiguredAdminPassword is { } adminPassword)
        {
            builder.UseSetting("Dce:Bootstrap:AdminPassword", adminPassword);
        }

        builder.UseSetting("Dce:Identity:SigningKeyPassphrase", Passphrase);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            if (MinimumLogLevel is { } level)
            {
                logging.SetMinimumLevel(level);
            }
        });

        // Each host has its own exchange and queue, so no host consumes another's events.
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<EventBusOptions>(options =>
            {
                options.ExchangeName = _bus;
                options.ServiceName = _bus;
            });
            services.AddTransient<IStartupFilter, LoopbackConnection>();
        });
    }

    /// <summary>A fresh context on the module's database, to count rows.</summary>
    public GlobalManagementDbContext Database() =>
        new(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(_database).Options);

    /// <summary>Signs in and returns the identity token.</summary>
    public async Task<string> LoginAsync(string name, string password)
    {
        using var client = Client();
        using var response = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<LoginAnswer>();
        return body!.IdToken;
    }

    public async Task<HttpClient> ClientForAsync(string name, string password) => ClientWithToken(await LoginAsync(name, password));

    public Task<HttpClient> AdminClientAsync() => ClientForAsync(AdminName, AdminPassword);

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Waits until the audit log holds <paramref name="expected"/> records (they arrive through the event bus), then answers the count.</summary>
    public async Task<int> AuditCountWhenSettledAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int count;
        while ((count = await CountAuditsAsync()) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return count;
    }

    /// <summary>
    /// Announces a joined cluster as Container Management does, through the module's outbox and the real broker, and
    /// waits until the module has taken it in. The kubeconfig is a stand-in: Global Management never opens it.
    /// </summary>
    public async Task JoinClusterAsync(string cluster)
    {
        await PublishAsync(new ClusterIntegrated(cluster, "simulated", null, "sealed-elsewhere"));
        await Eventually.Until(() => KnowsClusterAsync(cluster), $"cluster {cluster} known to Global Management");
    }

    /// <summary>Announces the removal of a cluster as Container Management does and waits until the module forgot it.</summary>
    public async Task RemoveClusterAsync(string cluster)
    {
        await PublishAsync(new ClusterRemoved(cluster));
        await Eventually.Until(async () => !await KnowsClusterAsync(cluster), $"cluster {cluster} forgotten by Global Management");
    }

    /// <summary>Whether the module has learned that <paramref name="cluster"/> joined.</summary>
    public async Task<bool> KnowsClusterAsync(string cluster)
    {
        await using var db = Database();
        return await db.JoinedClusters.AnyAsync(c => c.Name == cluster);
    }

    public async Task<int> CountAuditsAsync()
    {
        await using var db = Database();
        return await db.AuditRecords.CountAsync();
    }

    /// <summary>A client whose connection comes from <paramref name="peer"/> (the test server has no real sockets).</summary>
    public HttpClient ClientFrom(string peer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(LoopbackConnection.PeerHeader, peer);
        return client;
    }

    private HttpClient Client() => Address is null ? CreateClient() : new HttpClient { BaseAddress = Address };

    private async Task PublishAsync(IntegrationEvent integrationEvent)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(integrationEvent);
        await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync();
    }

    // The test server's connections carry no address; a real one always does (here: the gateway on loopback, unless
    // a test names another peer).
    private sealed class LoopbackConnection : IStartupFilter
    {
        public const string PeerHeader = "X-Test-Peer-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= context.Request.Headers.TryGetValue(PeerHeader, out var peer)
                    ? System.Net.IPAddress.Parse(peer.ToString())
                    : System.Net.IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public sealed record LoginAnswer(string IdToken, string? RefreshToken, string Username);
}
