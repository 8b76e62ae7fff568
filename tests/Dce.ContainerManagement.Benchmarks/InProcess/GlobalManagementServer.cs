using System.Net.Http.Json;
using Dce.GlobalManagement.Infrastructure;
using Dce.EventBus;
using Dce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.ContainerManagement.InProcess;

/// <summary>The real Global Management on a loopback port: it signs the tokens and answers the permission questions.</summary>
public sealed class GlobalManagementServer : WebApplicationFactory<GlobalManagementDbContext>
{
    /// <summary>Global Management's Redis database, where the modules read the security stamps it mirrors.</summary>
    public const int StampDatabase = 14;

    public const string AdminName = "admin";
    public const string AdminPassword = "Bootstrap-Root-Pa55";
    private readonly string _bus = $"ghippo-kpanda-{Guid.NewGuid():N}";

    /// <summary>The exchange the platform's modules publish on; Global Management learns joined clusters there.</summary>
    public string Exchange => _bus;
    private string _database = "";
    private string _redis = "";
    private string _messaging = "";

    /// <summary>Where Global Management listens.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<GlobalManagementServer> StartAsync()
    {
        var server = new GlobalManagementServer();
        var postgres = await SharedMiddleware.PostgresAsync();
        server._database = await postgres.CreateDatabaseAsync($"ghippo_{Guid.NewGuid():N}");
        server._redis = $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={StampDatabase}";
        server._messaging = (await SharedMiddleware.RabbitMqAsync()).ConnectionString;
        await using (var db = new GlobalManagementDbContext(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(server._database).Options))
        {
            await db.Database.MigrateAsync();
        }

        server.Address = LoopbackServer.Start(server);
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:ghippo-db", _database);
        builder.UseSetting("ConnectionStrings:redis", _redis);
        builder.UseSetting("ConnectionStrings:messaging", _messaging);
        builder.UseSetting("Dce:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Dce:Identity:SigningKeyPassphrase", "signing-key-passphrase-for-kpanda-runs");
        builder.ConfigureLogging(logging => logging.AddFilter((_, level) => level >= LogLevel.Warning));
        builder.ConfigureTestServices(services => services.PostConfigure<EventBusOptions>(options =>
        {
            options.ExchangeName = _bus;
            options.ServiceName = _bus;
        }));
    }

    /// <summary>Whether Global Management has learned from Container Management's events that <paramref name="cluster"/> joined.</summary>
    public async Task<bool> KnowsClusterAsync(string cluster)
    {
        await using var db = new GlobalManagementDbContext(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(_database).Options);
        return await db.JoinedClusters.AnyAsync(c => c.Name == cluster);
    }

    /// <summary>Signs in and returns the identity token.</summary>
    public async Task<string> LoginAsync(string name, string password)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginAnswer>())!.IdToken;
    }

    private sealed record LoginAnswer(string IdToken);
}
