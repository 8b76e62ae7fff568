using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.Upgrade.Tests.Modules;

/// <summary>
/// The previous release (releases/previous-commit) keeps serving once the current release's migrations ran: every
/// answer below comes from its processes on the new schema, and any server error fails with the module's log.
/// </summary>
public sealed class PreviousReleaseOnNewSchemaTests(PreviousReleaseOnNewSchema upgrade) : IClassFixture<PreviousReleaseOnNewSchema>
{
    [Fact]
    public async Task Global_management_of_the_previous_release_signs_in_and_creates_and_reads_a_workspace()
    {
        var ghippo = upgrade.GlobalManagement;
        using var admin = await upgrade.AdminClientAsync(ghippo);
        var name = $"upgrade-{Guid.NewGuid():N}"[..20];

        using var created = await ghippo.ExpectAsync(HttpStatusCode.Created,
            await admin.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/workspaces", new { name, alias = "kept across the upgrade" }));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var read = await ghippo.ExpectAsync(HttpStatusCode.OK, await admin.GetAsync($"/apis/ghippo.io/v1alpha1/workspaces/{id}"));
        var workspace = await read.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(name, workspace.GetProperty("name").GetString());
        Assert.Equal("kept across the upgrade", workspace.GetProperty("alias").GetString());
    }

    [Fact]
    public async Task Container_management_of_the_previous_release_lists_and_joins_a_cluster()
    {
        var kpanda = upgrade.ContainerManagement;
        using var admin = await upgrade.AdminClientAsync(kpanda);
        using var before = await kpanda.ExpectAsync(HttpStatusCode.OK, await admin.GetAsync("/apis/kpanda.io/v1alpha1/clusters"));

        using var joined = await kpanda.ExpectAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/apis/kpanda.io/v1alpha1/clusters",
            new { name = PreviousReleaseOnNewSchema.Clusters[0], provider = "generic", kubeconfig = upgrade.Kubeconfig(PreviousReleaseOnNewSchema.Clusters[0]) }));
        using var after = await kpanda.ExpectAsync(HttpStatusCode.OK, await admin.GetAsync("/apis/kpanda.io/v1alpha1/clusters"));

        Assert.Contains(PreviousReleaseOnNewSchema.Clusters[0], await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_search_of_the_previous_release_follows_a_joined_cluster_and_searches_it()
    {
        var cluster = PreviousReleaseOnNewSchema.Clusters[1];
        using var kpanda = await upgrade.AdminClientAsync(upgrade.ContainerManagement);
        using var search = await upgrade.AdminClientAsync(upgrade.ClusterSearch);
        using var status = await upgrade.ClusterSearch.ExpectAsync(HttpStatusCode.OK, await search.GetAsync("/apis/clusterpedia.io/v1beta1/syncstatus"));

        using var joined = await upgrade.ContainerManagement.ExpectAsync(HttpStatusCode.Created, await kpanda.PostAsJsonAsync("/apis/kpanda.io/v1alpha1/clusters",
            new { name = cluster, provider = "generic", kubeconfig = upgrade.Kubeconfig(cluster) }));

        await Eventually.HoldsAsync(async () =>
        {
            using var namespaces = await upgrade.ClusterSearch.ExpectAsync(HttpStatusCode.OK,
                await search.GetAsync($"/apis/clusterpedia.io/v1beta1/resources/clusters/{cluster}/api/v1/namespaces"));
            return (await namespaces.Content.ReadAsStringAsync()).Contains("kube-system", StringComparison.Ordinal);
        }, () => Task.FromResult($"the previous release's Cluster Search indexing {cluster}'s namespaces\n--- log ---\n{upgrade.ClusterSearch.Log}"), TimeSpan.FromSeconds(60));
    }
}
