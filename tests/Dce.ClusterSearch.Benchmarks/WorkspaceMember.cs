using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing.Hosts;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>A user who views, through one workspace, some whole clusters and nothing else: made through Global Management's own API.</summary>
internal static class WorkspaceMember
{
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    public const string Name = "search-bench-member";
    public const string Password = "Member-Pa55-word";

    /// <summary>Joins <paramref name="clusters"/> to Global Management, binds them to a new workspace and makes its viewer.</summary>
    public static async Task CreateAsync(GlobalManagementHost identity, IReadOnlyList<string> clusters)
    {
        foreach (var cluster in clusters)
        {
            await identity.JoinClusterAsync(cluster);
        }

        using var admin = await identity.AdminClientAsync();
        var workspace = await (await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = "search-bench" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = workspace.GetProperty("id").GetInt32();
        foreach (var cluster in clusters)
        {
            (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/bind-resource", new { cluster })).EnsureSuccessStatusCode();
        }

        var member = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = Name, password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/authorize", new { subjectKind = "User", subjectId = member.GetProperty("id").GetGuid(), roleName = "workspace-viewer" }))
            .EnsureSuccessStatusCode();
    }
}
