using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dce.GlobalManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.GlobalManagement.Tests;

// Any type of the module's assembly names its entry point; Program alone is ambiguous beside the AppHost's.
/// <summary>The module in-process against the real PostgreSQL and Redis: its own database and Redis database per test class.</summary>
public class GlobalManagementApp : WebApplicationFactory<GlobalManagementDbContext>, IAsyncLifetime
{
    public const string AdminName = "admin";
    public const string AdminPassword = "Bootstrap-Root-Pa55";
    public const string Passphrase = "signing-key-passphrase-for-tests";
    private static int _redisDatabases;
    private string _database = "";
    private string _redis = "";
    private string _messaging = "";
    private readonly string _bus = $"ghippo-test-{Guid.NewGuid():N}";

    public CapturedLogs Logs { get; } = new();

    /// <summary>The module's Redis database, which other modules share on the platform.</summary>
    public string RedisConnectionString => _redis;

    /// <summary>The bootstrap password the AppHost would pass; null lets the module generate one.</summary>
    protected virtual string? ConfiguredAdminPassword => AdminPassword;

    public async Task InitializeAsync()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        _database = await postgres.CreateDatabaseAsync($"ghippo_{Guid.NewGuid():N}");
        _redis = await RedisConnectionStringAsync();
        _messaging = (await SharedMiddleware.RabbitMqAsync()).ConnectionString;
        await using var db = new GlobalManagementDbContext(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(_database).Options);
        await db.Database.MigrateAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>The Redis the module uses: a database of the shared server unless a fixture owns its own server.</summary>
    protected virtual async Task<string> RedisConnectionStringAsync()
    {
        var redis = await SharedMiddleware.RedisAsync();
        return $"{redis.ConnectionString},defaultDatabase={Interlocked.Increment(ref _redisDatabases) % 16}";
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
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));

        // Each test class has its own exchange and queue, so no class consumes another's audit events.
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

    public async Task<string> LoginAsync(string name, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<LoginAnswer>();
        return body!.IdToken;
    }

    public async Task<HttpClient> ClientForAsync(string name, string password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(name, password));
        return client;
    }

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
        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterIntegrated(cluster, "simulated", null, "sealed-elsewhere"));
            await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync();
        }

        await Eventually.Until(async () =>
        {
            await using var db = Database();
            return await db.JoinedClusters.AnyAsync(c => c.Name == cluster);
        }, $"cluster {cluster} known to Global Management");
    }

    /// <summary>Announces the removal of a cluster as Container Management does and waits until the module forgot it.</summary>
    public async Task RemoveClusterAsync(string cluster)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterRemoved(cluster));
            await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync();
        }

        await Eventually.Until(async () =>
        {
            await using var db = Database();
            return !await db.JoinedClusters.AnyAsync(c => c.Name == cluster);
        }, $"cluster {cluster} forgotten by Global Management");
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
