using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Read-only roles read everything except the decoded values of secrets.</summary>
[Trait("Category", "Security")]
public sealed class SecretValueTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Theory]
    [InlineData("workspaces", "workspace-viewer")]
    [InlineData("folders", "folder-viewer")]
    public async Task Viewers_may_list_secrets_but_not_reveal_their_values(string scope, string role)
    {
        var admin = await app.AdminClientAsync();
        var folder = await FolderAsync(admin, TestUsers.UniqueName("sv"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("sv"), folder);
        var cluster = TestUsers.UniqueName("sv");
        await BindAsync(app, admin, workspace, cluster, "shop");
        var name = TestUsers.UniqueName("viewer");
        await GrantAsync(admin, scope, scope == "folders" ? folder : workspace, "User", await TestUsers.CreateAsync(admin, name), role);
        var viewer = await app.ClientForAsync(name, TestUsers.Password);

        var inWorkspace = await CheckAsync(viewer, new { module = "kpanda", resourceType = "secret-values", action = "get", workspaceId = workspace });
        var inNamespace = await CheckAsync(viewer, new { module = "kpanda", resourceType = "secret-values", action = "get", cluster, @namespace = "shop" });
        var secrets = await CheckAsync(viewer, new { module = "kpanda", resourceType = "secrets", action = "list", cluster, @namespace = "shop" });
        var scopeAnswer = await (await viewer.PostAsJsonAsync($"{Api}/authorization:scope", new { module = "kpanda", resourceType = "secret-values", action = "get" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(inWorkspace);
        Assert.False(inNamespace);
        Assert.True(secrets);
        Assert.Empty(scopeAnswer.GetProperty("namespaces").EnumerateArray());
        Assert.Empty(scopeAnswer.GetProperty("clusters").EnumerateArray());
    }

    [Fact]
    public async Task Editors_and_admins_still_reveal_secret_values()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("sv-ed"));
        var cluster = TestUsers.UniqueName("sv");
        await BindAsync(app, admin, workspace, cluster, "shop");
        var allowed = new List<bool>();
        foreach (var role in new[] { "workspace-editor", "workspace-admin", "ns-editor", "ns-admin" })
        {
            var name = TestUsers.UniqueName(role);
            await GrantAsync(admin, "workspaces", workspace, "User", await TestUsers.CreateAsync(admin, name), role);
            var client = await app.ClientForAsync(name, TestUsers.Password);
            allowed.Add(await CheckAsync(client, new { module = "kpanda", resourceType = "secret-values", action = "get", cluster, @namespace = "shop" }));
        }

        Assert.All(allowed, Assert.True);
    }

    [Fact]
    public async Task No_built_in_read_only_role_reveals_secret_values()
    {
        var admin = await app.AdminClientAsync();
        var folder = await FolderAsync(admin, TestUsers.UniqueName("ro"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("ro"), folder);
        var cluster = TestUsers.UniqueName("ro");
        await BindAsync(app, admin, workspace, cluster);
        var roles = await admin.GetFromJsonAsync<JsonElement>($"{Api}/roles");
        var readOnly = roles.EnumerateArray()
            .Where(r => r.GetProperty("builtIn").GetBoolean() && r.GetProperty("permissions").EnumerateArray().All(p => p.GetProperty("action").GetString() is "get" or "list" or "watch"))
            .Select(r => (Name: r.GetProperty("name").GetString()!, Scope: r.GetProperty("scope").GetString()!))
            .ToList();
        var revealing = new List<string>();
        foreach (var (role, scope) in readOnly)
        {
            var name = TestUsers.UniqueName("ro");
            var id = await TestUsers.CreateAsync(admin, name);
            if (scope == "Platform")
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{id}/roles", new { roles = new[] { role } })).StatusCode);
            }
            else
            {
                await GrantAsync(admin, scope == "Folder" ? "folders" : "workspaces", scope == "Folder" ? folder : workspace, "User", id, role);
            }

            var client = await app.ClientForAsync(name, TestUsers.Password);
            if (await CheckAsync(client, new { module = "kpanda", resourceType = "secret-values", action = "get", cluster, @namespace = "default" }))
            {
                revealing.Add(role);
            }
        }

        Assert.Contains(("workspace-viewer", "Workspace"), readOnly);
        Assert.Contains(("folder-viewer", "Folder"), readOnly);
        Assert.Contains(("ns-viewer", "Workspace"), readOnly);
        Assert.Empty(revealing);
    }

    private static async Task<bool> CheckAsync(HttpClient client, object question)
    {
        var response = await client.PostAsJsonAsync($"{Api}/authorization:check", question);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean();
    }
}
