using System.Net.Http.Json;
using System.Text.Json;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dce.Multicloud.Infrastructure;

namespace Dce.Multicloud.Tests;

/// <summary>
/// One started platform the API tests share: simulated clusters (the API-only control plane <see cref="Instance"/> and
/// three members), Global Management, and Multicloud Management knowing the members from Container Management's events.
/// </summary>
public sealed class MulticloudPlatform : IAsyncLifetime
{
    public const string Instance = "karmada-host";
    public const string Ghippo = "/apis/ghippo.io/v1alpha1";
    public const string Kairship = "/apis/kairship.io/v1alpha1";
    public static readonly string[] Members = ["member-1", "member-2", "member-3"];

    public SimulatedClusters Clusters { get; private set; } = null!;
    public GlobalManagementHost Identity { get; } = new() { RedisDatabase = GlobalManagementHost.StampDatabase, MinimumLogLevel = null };
    public MulticloudHost Module { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync([Instance, .. Members], workerNodes: 2, settings: new Dictionary<string, string?>
        {
            ["KubeSim:Clusters:0:ApiServerOnly"] = "true",
        });
        await Identity.InitializeAsync();
        _ = Identity.Server;
        AdminToken = await Identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        Module = await MulticloudHost.StartAsync(Identity, Instance, Path.Combine(Clusters.KubeconfigDirectory, Instance + ".kubeconfig"));
        foreach (var member in Members)
        {
            await OfferAsync(member);
        }

        await Eventually.Until(async () => (await Admin().GetAsync($"{Kairship}/instances/{Instance}/clusters")).IsSuccessStatusCode
            && await ServesKarmadaAsync(), "the instance serves Karmada's API");
    }

    public HttpClient Admin() => Module.ClientWithToken(AdminToken);

    public Task<HttpClient> ClientForAsync(string user, string password) =>
        Identity.LoginAsync(user, password).ContinueWith(token => Module.ClientWithToken(token.Result), TaskScheduler.Default);

    /// <summary>Announces a cluster as Container Management does, again until the module knows it (an event sent before its queue was bound is dropped).</summary>
    public async Task OfferAsync(string cluster, string? kubeconfigOf = null)
    {
        var announced = new ClusterIntegrated(cluster, cluster == "member-2" ? "azure" : "aws", cluster == "member-3" ? "eu-west" : "us-east",
            Module.Protector.Protect(Clusters.Kubeconfig(kubeconfigOf ?? cluster)), Incarnation: 1);
        await Eventually.Until(async () =>
        {
            await Module.PublishAsync(announced with { Id = Guid.NewGuid() });
            await Task.Delay(300);
            await using var scope = Module.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MulticloudDbContext>().Clusters.AnyAsync(c => c.Name == cluster);
        }, $"cluster {cluster} offered to the module");
    }

    /// <summary>Joins every member to the instance through the API, once.</summary>
    public async Task JoinMembersAsync()
    {
        foreach (var member in Members)
        {
            var response = await Admin().PostAsJsonAsync($"{Kairship}/instances/{Instance}/clusters/{member}",
                new { cluster = new { metadata = new { labels = new Dictionary<string, string> { ["tier"] = member == "member-1" ? "gold" : "silver" } } } });
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Creates a workspace in Global Management and answers its id.</summary>
    public async Task<int> WorkspaceAsync(string name)
    {
        var admin = Identity.ClientWithToken(AdminToken);
        var response = await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Creates a user holding <paramref name="role"/> in <paramref name="workspaceId"/>.</summary>
    public async Task UserAsync(string name, string password, int workspaceId, string role)
    {
        var admin = Identity.ClientWithToken(AdminToken);
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name, password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceId}/authorize", new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = role }))
            .EnsureSuccessStatusCode();
    }

    private async Task<bool> ServesKarmadaAsync()
    {
        var response = await Admin().GetAsync($"{Kairship}/instances/{Instance}/propagationpolicies");
        return response.IsSuccessStatusCode;
    }

    public async Task DisposeAsync()
    {
        await Module.DisposeAsync();
        await Identity.DisposeAsync();
        await Clusters.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MulticloudPlatformCollection : ICollectionFixture<MulticloudPlatform>
{
    public const string Name = "multicloud platform";
}
