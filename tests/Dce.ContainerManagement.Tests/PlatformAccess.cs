using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing.Hosts;

namespace Dce.ContainerManagement.Tests;

/// <summary>Workspaces, custom roles and users made by the bootstrap admin, so a test can act as a user with exactly the rights it needs.</summary>
internal static class PlatformAccess
{
    public const string Kpanda = "/apis/kpanda.io/v1alpha1";
    public const string Ghippo = "/apis/ghippo.io/v1alpha1";

    /// <summary>A new workspace holding namespace <paramref name="ns"/> of <paramref name="cluster"/> (and the whole cluster when asked).</summary>
    public static async Task<int> WorkspaceHoldingAsync(ContainerManagementPlatform platform, string cluster, string ns, bool wholeCluster = false)
    {
        using var identity = Admin(platform.Identity.Address, platform.AdminToken);
        using var module = platform.AdminClient();
        var workspace = await ExpectAsync<JsonElement>(await identity.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = $"ws-{Guid.NewGuid():N}"[..16] }));
        var id = workspace.GetProperty("id").GetInt32();
        if (wholeCluster)
        {
            await ExpectAsync<JsonElement?>(await module.PostAsJsonAsync($"{Kpanda}/clusters/{cluster}:bind", new { workspaceId = id }));
        }

        await ExpectAsync<JsonElement?>(await module.PostAsJsonAsync($"{Kpanda}/clusters/{cluster}/namespaces/{ns}:bind", new { workspaceId = id }));
        return id;
    }

    /// <summary>A new workspace holding nothing, for users who must be refused everything.</summary>
    public static async Task<int> EmptyWorkspaceAsync(ContainerManagementPlatform platform)
    {
        using var identity = Admin(platform.Identity.Address, platform.AdminToken);
        var workspace = await ExpectAsync<JsonElement>(await identity.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = $"ws-{Guid.NewGuid():N}"[..16] }));
        return workspace.GetProperty("id").GetInt32();
    }

    /// <summary>A client of Container Management signed in as a new user holding, in <paramref name="workspaceId"/>, a role of exactly <paramref name="permissions"/> (kpanda resource type, action).</summary>
    public static async Task<HttpClient> MemberAsync(ContainerManagementPlatform platform, int workspaceId, params (string ResourceType, string Action)[] permissions)
    {
        using var identity = Admin(platform.Identity.Address, platform.AdminToken);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var role = $"role-{suffix}";
        await ExpectAsync<JsonElement>(await identity.PostAsJsonAsync($"{Ghippo}/roles", new
        {
            name = role,
            scope = "Workspace",
            permissions = permissions.Select(p => new { module = "kpanda", resourceType = p.ResourceType, action = p.Action }).ToArray(),
        }));
        var (name, password) = ($"user-{suffix}", $"Pw-{Guid.NewGuid():N}");
        var user = await ExpectAsync<JsonElement>(await identity.PostAsJsonAsync($"{Ghippo}/users", new { name, password }));
        await ExpectAsync<JsonElement?>(await identity.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceId}/authorize",
            new { subjectKind = "User", subjectId = user.GetProperty("id").GetString(), roleName = role }));
        var token = await platform.Identity.LoginAsync(name, password);
        return Admin(platform.Module.Address, token);
    }

    /// <summary>A client of Container Management signed in as a new user holding the built-in role <paramref name="roleName"/> (<c>ns-viewer</c>, <c>ns-editor</c>, ...) in <paramref name="workspaceId"/>.</summary>
    public static async Task<HttpClient> MemberWithRoleAsync(ContainerManagementPlatform platform, int workspaceId, string roleName)
    {
        using var identity = Admin(platform.Identity.Address, platform.AdminToken);
        var (name, password) = ($"user-{Guid.NewGuid().ToString("N")[..10]}", $"Pw-{Guid.NewGuid():N}");
        var user = await ExpectAsync<JsonElement>(await identity.PostAsJsonAsync($"{Ghippo}/users", new { name, password }));
        await ExpectAsync<JsonElement?>(await identity.PostAsJsonAsync($"{Ghippo}/workspaces/{workspaceId}/authorize",
            new { subjectKind = "User", subjectId = user.GetProperty("id").GetString(), roleName }));
        var token = await platform.Identity.LoginAsync(name, password);
        return Admin(platform.Module.Address, token);
    }

    /// <summary>Sets the workspace's quota on <paramref name="cluster"/>.</summary>
    public static async Task SetWorkspaceQuotaAsync(ContainerManagementPlatform platform, int workspaceId, string cluster, object hard)
    {
        using var identity = Admin(platform.Identity.Address, platform.AdminToken);
        await ExpectAsync<JsonElement>(await identity.PutAsJsonAsync($"{Ghippo}/workspaces/{workspaceId}/quotas/{cluster}", hard));
    }

    private static HttpClient Admin(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<T?> ExpectAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text);
        }
    }
}
