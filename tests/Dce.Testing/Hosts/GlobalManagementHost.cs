using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dce.GlobalManagement.Infrastructure;
using Dce.ServiceDefaults.EventBus;
using Dce.ServiceDefaults.EventBus.Contracts;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ClusterSearch.Tests;

/// <summary>The real Global Management in-process: it signs the tokens and answers the workspace scope questions.</summary>
public sealed class GlobalManagementHost : WebApplicationFactory<GlobalManagementDbContext>
{
    /// <summary>Global Management's Redis database, where the modules read the security stamps it mirrors.</summary>
    public const int StampDatabase = 14;

    public const string AdminName = "admin";
    public const string AdminPassword = "Bootstrap-Root-Pa55";
    private readonly string _bus = $"ghippo-search-test-{Guid.NewGuid():N}";
    private string _database = "";
    private string _redis = "";
    private string _messaging = "";

    public async Task InitializeAsync()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        _database = await postgres.CreateDatabaseAsync($"ghippo_{Guid.NewGuid():N}");
        _redis = $"{(await SharedMiddleware.RedisAsync()).ConnectionString},defaultDatabase={StampDatabase}";
        _messaging = (await SharedMiddleware.RabbitMqAsync()).ConnectionString;
        await using var db = new GlobalManagementDbContext(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(_database).Options);
        await db.Database.MigrateAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:ghippo-db", _database);
        builder.UseSetting("ConnectionStrings:redis", _redis);
        builder.UseSetting("ConnectionStrings:messaging", _messaging);
        builder.UseSetting("Dce:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Dce:Identity:SigningKeyPassphrase", "signing-key-passphrase-for-search-tests");
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

    public async Task<string> LoginAsync(string name, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginAnswer>())!.IdToken;
    }

    /// <summary>Announces a joined cluster as Container Management does (through the module's outbox and the broker) and waits until the module knows it.</summary>
    public async Task JoinClusterAsync(string cluster)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterIntegrated(cluster, "simulated", null, "sealed-elsewhere"));
            await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync();
        }

        await Eventually.Until(async () =>
        {
            await using var db = new GlobalManagementDbContext(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql(_database).Options);
            return await db.JoinedClusters.AnyAsync(c => c.Name == cluster);
        }, $"cluster {cluster} known to Global Management");
    }

    public async Task<HttpClient> AdminAsync()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(AdminName, AdminPassword));
        return client;
    }

    // The test server's connections carry no address; a real one always does (the gateway on loopback).
    private sealed class LoopbackConnection : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed record LoginAnswer(string IdToken);
}
