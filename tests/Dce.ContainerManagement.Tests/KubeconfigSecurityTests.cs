using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using Npgsql;

namespace Dce.ContainerManagement.Tests;

/// <summary>A kubeconfig is untrusted input: it runs nothing, reads nothing and reaches only where the platform may connect.</summary>
[Trait("Category", "Security")]
public sealed class KubeconfigSecurityTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Clusters = "/apis/kpanda.io/v1alpha1/clusters";

    [Fact]
    public async Task An_exec_kubeconfig_is_refused_by_name_at_validate_join_and_update_and_never_runs()
    {
        using var admin = fixture.Platform.AdminClient();
        var name = $"exec-{Guid.NewGuid():N}"[..12];
        var markers = new List<string>();
        string ExecKubeconfig()
        {
            var marker = Path.Combine(Path.GetTempPath(), $"dce-exec-{Guid.NewGuid():N}");
            markers.Add(marker);
            return KubeconfigText.For("https://cluster.example.com:6443", $"""
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: touch
                  args: ["{marker}"]
                """);
        }

        var before = await StoredKubeconfigAsync(PlatformFixture.Cluster);
        var answers = new[]
        {
            await admin.PostAsJsonAsync($"{Clusters}/validate", new { kubeconfig = ExecKubeconfig() }),
            await admin.PostAsJsonAsync(Clusters, new { name, kubeconfig = ExecKubeconfig() }),
            await admin.PutAsJsonAsync($"{Clusters}/{PlatformFixture.Cluster}", new { kubeconfig = ExecKubeconfig() }),
        };

        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}: {(int)answer.StatusCode} {text}");
            Assert.Contains("users[0].user.exec is not allowed", text, StringComparison.Ordinal);
        }

        Assert.All(markers, marker => Assert.False(File.Exists(marker), $"the exec plugin ran: {marker} exists"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Clusters}/{name}")).StatusCode);
        Assert.Equal(before, await StoredKubeconfigAsync(PlatformFixture.Cluster));
    }

    [Fact]
    public async Task A_kubeconfig_pointing_at_the_metadata_endpoint_is_refused_by_name_before_connecting()
    {
        using var admin = fixture.Platform.AdminClient();

        using var answer = await admin.PostAsJsonAsync($"{Clusters}/validate", new { kubeconfig = KubeconfigText.For("https://169.254.169.254/") });

        var text = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("clusters[0].cluster.server points at 169.254.169.254, which is refused (a cloud metadata endpoint)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_pointing_at_loopback_the_platform_may_not_reach_is_refused_and_nothing_connects()
    {
        using var listener = new AcceptCounter(IPAddress.Parse("127.0.0.2"));
        using var admin = fixture.Platform.AdminClient();
        var kubeconfig = KubeconfigText.For($"https://127.0.0.2:{listener.Port}");
        var before = await StoredKubeconfigAsync(PlatformFixture.Cluster);

        var answers = new[]
        {
            await admin.PostAsJsonAsync($"{Clusters}/validate", new { kubeconfig }),
            await admin.PostAsJsonAsync(Clusters, new { name = $"loop-{Guid.NewGuid():N}"[..12], kubeconfig }),
            await admin.PutAsJsonAsync($"{Clusters}/{PlatformFixture.Cluster}", new { kubeconfig }),
        };

        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} {text}");
            Assert.Contains("clusters[0].cluster.server points at 127.0.0.2, which is refused (loopback)", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, listener.Accepted);
        Assert.Equal(before, await StoredKubeconfigAsync(PlatformFixture.Cluster));
    }

    [Fact]
    public async Task Replacing_a_kubeconfig_needs_the_right_to_join_clusters_not_only_a_grant_on_the_cluster()
    {
        var clusterAdmin = await ClusterAdminClientAsync();
        var before = await StoredKubeconfigAsync(PlatformFixture.Cluster);

        using var replaced = await clusterAdmin.PutAsJsonAsync($"{Clusters}/{PlatformFixture.Cluster}",
            new { kubeconfig = fixture.Platform.Clusters.Kubeconfig(PlatformFixture.Cluster).Replace("current-context", "# replaced\ncurrent-context", StringComparison.Ordinal) });
        using var relabelled = await clusterAdmin.PutAsJsonAsync($"{Clusters}/{PlatformFixture.Cluster}", new { alias = "renamed by its cluster admin" });

        Assert.Equal(HttpStatusCode.Forbidden, replaced.StatusCode);
        Assert.Equal(before, await StoredKubeconfigAsync(PlatformFixture.Cluster));
        Assert.Equal(HttpStatusCode.OK, relabelled.StatusCode);
    }

    /// <summary>The cluster's stored (encrypted) kubeconfig, to prove a refusal changed nothing.</summary>
    private async Task<string> StoredKubeconfigAsync(string cluster)
    {
        await using var connection = new NpgsqlConnection(fixture.Platform.Module.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"ProtectedKubeconfig\" FROM clusters WHERE \"Name\" = @name", connection);
        command.Parameters.AddWithValue("name", cluster);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A user holding cluster-admin in a workspace the cluster is bound to: every right on the cluster, none on the platform.</summary>
    private async Task<HttpClient> ClusterAdminClientAsync()
    {
        var platform = fixture.Platform;
        using var ghippo = new HttpClient { BaseAddress = platform.Identity.Address };
        ghippo.DefaultRequestHeaders.Authorization = new("Bearer", platform.AdminToken);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (user, password) = ($"cluster-admin-{suffix}", $"Pw-{Guid.NewGuid():N}");
        var userId = (await CreatedAsync(ghippo, "/apis/ghippo.io/v1alpha1/users", new { name = user, password })).GetProperty("id").GetString();
        var workspace = (await CreatedAsync(ghippo, "/apis/ghippo.io/v1alpha1/workspaces", new { name = $"ws-{suffix}" })).GetProperty("id").GetInt32();
        using var admin = platform.AdminClient();
        using (var bound = await admin.PostAsJsonAsync($"{Clusters}/{PlatformFixture.Cluster}:bind", new { workspaceId = workspace }))
        {
            Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        }

        using (var granted = await ghippo.PostAsJsonAsync($"/apis/ghippo.io/v1alpha1/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = userId, roleName = "cluster-admin" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        }

        var client = new HttpClient { BaseAddress = platform.Module.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await platform.Identity.LoginAsync(user, password));
        return client;
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string path, object body)
    {
        using var answer = await client.PostAsJsonAsync(path, body);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{path}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
