using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.ClusterSearch.Tests;

/// <summary>Makes, through the real Global Management, a user who views one namespace of one cluster through a workspace.</summary>
public static class WorkspaceViewer
{
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Password = "Viewer-Pa55-word";

    /// <summary>A workspace bound to <paramref name="cluster"/>/<paramref name="ns"/> (the cluster already joined) and a search client of its new viewer.</summary>
    public static async Task<HttpClient> CreateAsync(SearchPlatform platform, string workspace, string cluster, string ns, string user)
    {
        var admin = await platform.Identity.AdminClientAsync();
        var created = await (await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = workspace }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/bind-resource", new { cluster, @namespace = ns })).EnsureSuccessStatusCode();
        var member = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = user, password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/authorize", new { subjectKind = "User", subjectId = member.GetProperty("id").GetGuid(), roleName = "ns-viewer" }))
            .EnsureSuccessStatusCode();
        return platform.Search.ClientWithToken(await platform.Identity.LoginAsync(user, Password));
    }
}
