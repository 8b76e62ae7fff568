using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.ClusterSearch.Tests;

/// <summary>The real Global Management decides what a user sees: objects of their workspace's namespaces, nothing else.</summary>
public sealed class WorkspaceIsolationTests : IAsyncLifetime
{
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Password = "Viewer-Pa55-word";
    private readonly SearchPlatform _platform = new();

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task A_user_of_workspace_A_sees_objects_of_As_namespace_and_none_of_Bs()
    {
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var churn = new ClusterChurn(_platform.Clusters.Client("alpha"), ns);
            await churn.EnsureNamespaceAsync();
            await churn.CreateConfigMapAsync("settings", new Dictionary<string, string> { ["app"] = "web" });
        }

        var admin = await _platform.Identity.AdminClientAsync();
        await _platform.Identity.JoinClusterAsync("alpha");
        var workspaceA = await CreateWorkspaceAsync(admin, "search-a");
        var workspaceB = await CreateWorkspaceAsync(admin, "search-b");
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceA}/bind-resource", new { cluster = "alpha", @namespace = "team-a" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceB}/bind-resource", new { cluster = "alpha", @namespace = "team-b" })).EnsureSuccessStatusCode();
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = "viewer-a", password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceA}/authorize", new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = "ns-viewer" }))
            .EnsureSuccessStatusCode();
        var viewer = _platform.Search.ClientWithToken(await _platform.Identity.LoginAsync("viewer-a", Password));
        var everyone = _platform.AdminClient();
        const string url = "/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps?names=settings";
        await Eventually.Until(async () => (await NamesAsync(everyone, url)).Count == 2, "both namespaces' objects indexed");

        var seen = await NamesAsync(viewer, url);
        var namespaces = await NamesAsync(viewer, "/apis/clusterpedia.io/v1beta1/resources/api/v1/namespaces");
        var pods = await NamesAsync(viewer, "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods?namespaces=team-b,kube-system");

        Assert.Equal(["alpha/team-a/settings"], seen);
        Assert.Equal(["alpha//team-a"], namespaces);
        Assert.Empty(pods);
    }

    [Fact]
    public async Task A_viewer_of_a_whole_cluster_searching_by_name_sees_that_cluster_alone_whichever_clusters_they_ask_for()
    {
        // A search by name of a few clusters walks each of them apart: the clusters walked must be the caller's, never
        // the ones they name.
        foreach (var cluster in new[] { "beta", "gamma" })
        {
            var churn = new ClusterChurn(_platform.Clusters.Client(cluster), "shared");
            await churn.EnsureNamespaceAsync();
            foreach (var name in new[] { "b-settings", "a-settings", "c-settings" })
            {
                await churn.CreateConfigMapAsync(name, new Dictionary<string, string> { ["app"] = "web" });
            }
        }

        var admin = await _platform.Identity.AdminClientAsync();
        await _platform.Identity.JoinClusterAsync("beta");
        var workspace = await CreateWorkspaceAsync(admin, "search-whole-beta");
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspace}/bind-resource", new { cluster = "beta" })).EnsureSuccessStatusCode();
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = "viewer-beta", password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = "workspace-viewer" }))
            .EnsureSuccessStatusCode();
        var viewer = _platform.Search.ClientWithToken(await _platform.Identity.LoginAsync("viewer-beta", Password));
        const string byName = "/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps?orderby=name&limit=1000";
        List<string> everywhere = [];
        await Eventually.Until(async () =>
        {
            everywhere = await NamesAsync(_platform.AdminClient(), byName);
            return everywhere.Count(n => n.StartsWith("beta/", StringComparison.Ordinal)) == 3 && everywhere.Count(n => n.StartsWith("gamma/", StringComparison.Ordinal)) == 3;
        }, "configmaps of beta and gamma indexed");

        var seen = await NamesAsync(viewer, byName);
        var askedForMore = await NamesAsync(viewer, byName + "&clusters=beta,gamma");
        var askedForOther = await NamesAsync(viewer, byName + "&clusters=gamma,alpha");

        var beta = everywhere.Where(n => n.StartsWith("beta/", StringComparison.Ordinal)).ToList();
        Assert.Equal(beta, seen);
        Assert.Equal(beta, askedForMore);
        Assert.Empty(askedForOther);
    }

    private static async Task<int> CreateWorkspaceAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string url)
    {
        var list = await client.GetFromJsonAsync<JsonElement>(url);
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata")).Select(m =>
            $"{m.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()}/{(m.TryGetProperty("namespace", out var ns) ? ns.GetString() : "")}/{m.GetProperty("name").GetString()}")];
    }
}
