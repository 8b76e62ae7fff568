using System.Net.Http.Json;

namespace Dce.KubeSim.Tests.Infrastructure;

/// <summary>A cluster of its own, added through the admin API from a built-in profile, so a test can count nodes no other test touches.</summary>
public sealed class ProfileCluster : IAsyncDisposable
{
    private readonly KubeSimServer server;

    private ProfileCluster(KubeSimServer server, string name)
    {
        this.server = server;
        Name = name;
    }

    public string Name { get; }

    public Dce.Testing.Kubectl Kubectl => server.Kubectl(Name);

    public k8s.IKubernetes Client() => server.Client(Name);

    public static async Task<ProfileCluster> AddAsync(KubeSimServer server, string profile, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        using var admin = server.Http(KubeSimServer.AdminToken);
        var response = await admin.PostAsJsonAsync("/sim/clusters", new { name, profile, systemWorkloads = false });
        response.EnsureSuccessStatusCode();
        return new ProfileCluster(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        await admin.DeleteAsync($"/sim/clusters/{Name}");
    }
}
