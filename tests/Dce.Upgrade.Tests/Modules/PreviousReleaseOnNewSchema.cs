using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.ClusterSearch.Infrastructure;
using Dce.ContainerManagement.Infrastructure;
using Dce.GlobalManagement.Infrastructure;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Dce.Upgrade.Tests.Releases;
using Microsoft.EntityFrameworkCore;

namespace Dce.Upgrade.Tests.Modules;

/// <summary>
/// The moment of a rolling upgrade when the current release's migrations have run and the previous release's replicas
/// still serve: fresh databases migrated by the current code, then the previous release's Global Management, Container
/// Management and Cluster Search processes on them with real PostgreSQL, Redis and RabbitMQ, and simulated clusters.
/// </summary>
public sealed class PreviousReleaseOnNewSchema : IAsyncLifetime
{
    public const string AdminName = "admin";
    public const string AdminPassword = "Upgrade-Root-Pa55word";
    public static readonly string[] Clusters = ["upgrade-a", "upgrade-b"];

    private readonly List<PreviousReleaseModule> _modules = [];
    private SimulatedClusters? _clusters;

    internal PreviousReleaseModule GlobalManagement { get; private set; } = null!;

    internal PreviousReleaseModule ContainerManagement { get; private set; } = null!;

    internal PreviousReleaseModule ClusterSearch { get; private set; } = null!;

    internal string PreviousCommit { get; private set; } = "";

    public string Kubeconfig(string cluster) => _clusters!.Kubeconfig(cluster);

    public async Task InitializeAsync()
    {
        var build = PreviousReleaseBuild.BuildAsync();
        var postgres = await SharedMiddleware.PostgresAsync();
        var redis = (await SharedMiddleware.RedisAsync()).ConnectionString;
        var messaging = (await SharedMiddleware.RabbitMqAsync()).ConnectionString;
        var ghippoDb = await MigratedAsync<GlobalManagementDbContext>(await postgres.CreateDatabaseAsync("ghippo"), o => new GlobalManagementDbContext(o));
        var kpandaDb = await MigratedAsync<ContainerManagementDbContext>(await postgres.CreateDatabaseAsync("kpanda"), o => new ContainerManagementDbContext(o));
        var searchDb = await MigratedAsync<ClusterSearchDbContext>(await postgres.CreateDatabaseAsync("clustersearch"), o => new ClusterSearchDbContext(o));
        _clusters = await SimulatedClusters.StartAsync(Clusters, workerNodes: 1);

        var previous = await build;
        PreviousCommit = previous.Commit;
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = redis,
            ["ConnectionStrings:messaging"] = messaging,
            ["Dce:ClusterCredentials:Key"] = "cluster-credential-key-of-the-upgrade-test",
            ["Dce:Clusters:Outbound:AllowNetworks:0"] = "127.0.0.1/32",
        };
        GlobalManagement = await StartAsync("Dce.GlobalManagement", previous, shared, new()
        {
            ["ConnectionStrings:ghippo-db"] = ghippoDb,
            ["Dce:Bootstrap:AdminPassword"] = AdminPassword,
            ["Dce:Identity:SigningKeyPassphrase"] = "signing-key-passphrase-of-the-upgrade-test",
        });
        var identity = new Dictionary<string, string>
        {
            ["Dce:Identity:Authority"] = GlobalManagement.Address.ToString(),
            ["Dce:Authorization:Endpoint"] = GlobalManagement.Address.ToString(),
        };
        ContainerManagement = await StartAsync("Dce.ContainerManagement", previous, shared, new(identity) { ["ConnectionStrings:kpanda-db"] = kpandaDb });
        ClusterSearch = await StartAsync("Dce.ClusterSearch", previous, shared, new(identity) { ["ConnectionStrings:clustersearch-db"] = searchDb });
    }

    /// <summary>A client of <paramref name="module"/> carrying the administrator's token from Global Management's login.</summary>
    internal async Task<HttpClient> AdminClientAsync(PreviousReleaseModule module)
    {
        using var login = new HttpClient { BaseAddress = GlobalManagement.Address };
        using var response = await GlobalManagement.ExpectAsync(HttpStatusCode.OK,
            await login.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = AdminName, password = AdminPassword }));
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString();
        var client = new HttpClient { BaseAddress = module.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var module in Enumerable.Reverse(_modules))
        {
            await module.DisposeAsync();
        }

        if (_clusters is not null)
        {
            await _clusters.DisposeAsync();
        }
    }

    private async Task<PreviousReleaseModule> StartAsync(string module, PreviousReleaseBuild previous, Dictionary<string, string> shared, Dictionary<string, string> own)
    {
        foreach (var (key, value) in shared)
        {
            own.TryAdd(key, value);
        }

        var started = await PreviousReleaseModule.StartAsync(module, previous.Assembly(module), own);
        _modules.Add(started);
        return started;
    }

    private static async Task<string> MigratedAsync<TContext>(string connectionString, Func<DbContextOptions<TContext>, TContext> create) where TContext : DbContext
    {
        await using var context = create(new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString).Options);
        await context.Database.MigrateAsync();
        return connectionString;
    }
}
