using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Clusters, namespaces and quotas are given to a workspace from above it, never taken by the workspace itself.</summary>
[Trait("Category", "Security")]
public sealed class AllocationTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task A_cluster_that_was_never_joined_cannot_be_bound()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("ghost"));
        var (workspaceAdmin, _) = await WorkspaceAdminAsync(admin, workspace);
        var ghost = TestUsers.UniqueName("ghost");

        var byWorkspaceAdmin = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster = ghost });
        var byAdmin = await admin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster = ghost, @namespace = "default" });

        await AssertProblemAsync(HttpStatusCode.NotFound, byWorkspaceAdmin, ghost);
        await AssertProblemAsync(HttpStatusCode.NotFound, byAdmin, ghost);
        Assert.Equal(0, await ResourcesAsync(workspace));
    }

    [Fact]
    public async Task A_removed_cluster_cannot_be_bound_any_more()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("gone"));
        var cluster = TestUsers.UniqueName("gone");
        await app.JoinClusterAsync(cluster);
        await app.RemoveClusterAsync(cluster);

        var bound = await admin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster });

        await AssertProblemAsync(HttpStatusCode.NotFound, bound, cluster);
    }

    [Fact]
    public async Task Workspace_admin_cannot_bind_a_joined_cluster_they_have_no_right_on_but_an_admin_can()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("grab"));
        var (workspaceAdmin, _) = await WorkspaceAdminAsync(admin, workspace);
        var cluster = TestUsers.UniqueName("prod");
        await app.JoinClusterAsync(cluster);

        var whole = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster });
        var oneNamespace = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster, @namespace = "kube-system" });
        Assert.Equal(0, await ResourcesAsync(workspace));
        var byAdmin = await admin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster });

        await AssertProblemAsync(HttpStatusCode.Forbidden, whole, cluster);
        await AssertProblemAsync(HttpStatusCode.Forbidden, oneNamespace, cluster);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
    }

    [Fact]
    public async Task Workspace_admin_cannot_widen_a_namespace_binding_into_its_cluster()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("widen"));
        var cluster = TestUsers.UniqueName("shared");
        await BindAsync(app, admin, workspace, cluster, "team");
        var (workspaceAdmin, _) = await WorkspaceAdminAsync(admin, workspace);

        var whole = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster });
        var neighbour = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster, @namespace = "payments" });

        await AssertProblemAsync(HttpStatusCode.Forbidden, whole, cluster);
        await AssertProblemAsync(HttpStatusCode.Forbidden, neighbour, cluster);
        Assert.Equal(1, await ResourcesAsync(workspace));
    }

    [Fact]
    public async Task Container_management_owner_and_the_admin_of_a_cluster_elsewhere_may_share_it()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("ops");
        var home = await WorkspaceAsync(admin, TestUsers.UniqueName("home"));
        await BindAsync(app, admin, home, cluster);
        var target = await WorkspaceAsync(admin, TestUsers.UniqueName("target"));
        var (clusterAdmin, clusterAdminId) = await WorkspaceAdminAsync(admin, target);
        await GrantAsync(admin, "workspaces", home, "User", clusterAdminId, "cluster-admin");
        var (owner, ownerId) = await WorkspaceAdminAsync(admin, target);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{ownerId}/roles", new { roles = new[] { "kpanda-owner" } })).StatusCode);
        var other = TestUsers.UniqueName("ops");
        await app.JoinClusterAsync(other);

        var shared = await clusterAdmin.PostAsJsonAsync($"{Api}/workspaces/{target}/bind-resource", new { cluster, @namespace = "reports" });
        var notTheirs = await clusterAdmin.PostAsJsonAsync($"{Api}/workspaces/{target}/bind-resource", new { cluster = other });
        var byOwner = await owner.PostAsJsonAsync($"{Api}/workspaces/{target}/bind-resource", new { cluster = other });

        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        await AssertProblemAsync(HttpStatusCode.Forbidden, notTheirs, other);
        Assert.Equal(HttpStatusCode.Created, byOwner.StatusCode);
    }

    [Fact]
    public async Task Workspace_admin_cannot_set_their_own_quota_but_the_folder_admin_above_and_an_admin_can()
    {
        var admin = await app.AdminClientAsync();
        var folder = await FolderAsync(admin, TestUsers.UniqueName("alloc"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("alloc"), folder);
        var cluster = TestUsers.UniqueName("quota");
        await BindAsync(app, admin, workspace, cluster);
        var (workspaceAdmin, _) = await WorkspaceAdminAsync(admin, workspace);
        var folderAdminName = TestUsers.UniqueName("f-adm");
        await GrantAsync(admin, "folders", folder, "User", await TestUsers.CreateAsync(admin, folderAdminName), "folder-admin");
        var folderAdmin = await app.ClientForAsync(folderAdminName, TestUsers.Password);
        var folderEditorName = TestUsers.UniqueName("f-ed");
        await GrantAsync(admin, "folders", folder, "User", await TestUsers.CreateAsync(admin, folderEditorName), "folder-editor");
        var folderEditor = await app.ClientForAsync(folderEditorName, TestUsers.Password);
        var quotas = $"{Api}/workspaces/{workspace}/quotas/{cluster}";

        var byAdmin = await admin.PutAsJsonAsync(quotas, new { requestsCpu = "1" });
        var own = await workspaceAdmin.PutAsJsonAsync(quotas, new { requestsCpu = "1000" });
        var byEditor = await folderEditor.PutAsJsonAsync(quotas, new { requestsCpu = "1000" });
        var afterRefusals = await QuotaCpuAsync(admin, workspace);
        var byFolderAdmin = await folderAdmin.PutAsJsonAsync(quotas, new { requestsCpu = "2" });

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        await AssertProblemAsync(HttpStatusCode.Forbidden, own, "quota");
        await AssertProblemAsync(HttpStatusCode.Forbidden, byEditor, "quota");
        Assert.Equal("1", afterRefusals);
        Assert.Equal(HttpStatusCode.OK, byFolderAdmin.StatusCode);
        Assert.Equal("2", await QuotaCpuAsync(admin, workspace));
    }

    [Fact]
    public async Task Admin_of_a_top_level_workspace_cannot_set_its_quota()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("top"));
        var cluster = TestUsers.UniqueName("quota");
        await BindAsync(app, admin, workspace, cluster);
        var (workspaceAdmin, _) = await WorkspaceAdminAsync(admin, workspace);

        var own = await workspaceAdmin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/{cluster}", new { limitsCpu = "64" });

        await AssertProblemAsync(HttpStatusCode.Forbidden, own, "quota");
        await using var db = app.Database();
        Assert.False(await db.WorkspaceQuotas.AnyAsync(q => q.WorkspaceId == workspace));
    }

    private async Task<(HttpClient Client, Guid Id)> WorkspaceAdminAsync(HttpClient admin, int workspaceId)
    {
        var name = TestUsers.UniqueName("ws-adm");
        var id = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", workspaceId, "User", id, "workspace-admin");
        return (await app.ClientForAsync(name, TestUsers.Password), id);
    }

    private async Task<int> ResourcesAsync(int workspaceId)
    {
        await using var db = app.Database();
        return await db.WorkspaceResources.CountAsync(r => r.WorkspaceId == workspaceId);
    }

    private static async Task<string?> QuotaCpuAsync(HttpClient admin, int workspaceId)
    {
        var quotas = await admin.GetFromJsonAsync<JsonElement>($"{Api}/workspaces/{workspaceId}/quotas");
        return Assert.Single(quotas.EnumerateArray()).GetProperty("hard").GetProperty("requestsCpu").GetString();
    }

    private static async Task AssertProblemAsync(HttpStatusCode status, HttpResponseMessage response, string mentioned)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains(mentioned, detail, StringComparison.Ordinal);
    }
}
