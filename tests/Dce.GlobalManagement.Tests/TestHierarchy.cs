using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.GlobalManagement.Tests;

/// <summary>Builds folders, workspaces and role bindings through the API.</summary>
public static class TestHierarchy
{
    public const string Api = "/apis/ghippo.io/v1alpha1";

    public static async Task<int> FolderAsync(HttpClient admin, string name, int? parentFolderId = null)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/folders", new { name, parentFolderId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<int> WorkspaceAsync(HttpClient admin, string name, int? parentFolderId = null)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/workspaces", new { name, parentFolderId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task GrantAsync(HttpClient admin, string scope, int scopeId, string subjectKind, Guid subjectId, string roleName)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/{scope}/{scopeId}/authorize", new { subjectKind, subjectId, roleName });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Joins the cluster (as Container Management announces it) and binds it, or one namespace of it, to the workspace as <paramref name="admin"/>.</summary>
    public static async Task BindAsync(GlobalManagementApp app, HttpClient admin, int workspaceId, string cluster, string? @namespace = null)
    {
        await app.JoinClusterAsync(cluster);
        var response = await admin.PostAsJsonAsync($"{Api}/workspaces/{workspaceId}/bind-resource", new { cluster, @namespace });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<Guid> GroupAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/groups", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
