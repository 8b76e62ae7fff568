using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Nobody grants more than they hold: roles, role bindings, platform roles and group memberships.</summary>
[Trait("Category", "Security")]
public sealed class GrantTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Workspace_editor_cannot_make_themselves_workspace_admin()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("esc"));
        var (editor, editorId) = await UserAsync(admin);
        await GrantAsync(admin, "workspaces", workspace, "User", editorId, "workspace-editor");
        var before = await BindingsAsync(workspace);

        var raised = await editor.PostAsJsonAsync($"{Api}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = editorId, roleName = "workspace-admin" });
        var removed = await editor.PutAsJsonAsync($"{Api}/workspaces/{workspace}/deauthorize", new { subjectKind = "User", subjectId = editorId, roleName = "workspace-editor" });

        await AssertForbiddenAsync(raised);
        await AssertForbiddenAsync(removed);
        Assert.Equal(before, await BindingsAsync(workspace));
    }

    [Fact]
    public async Task Folder_editor_cannot_grant_roles_in_the_folder()
    {
        var admin = await app.AdminClientAsync();
        var folder = await FolderAsync(admin, TestUsers.UniqueName("fesc"));
        var (editor, editorId) = await UserAsync(admin);
        await GrantAsync(admin, "folders", folder, "User", editorId, "folder-editor");
        var (_, friendId) = await UserAsync(admin);

        var granted = await editor.PostAsJsonAsync($"{Api}/folders/{folder}/authorize", new { subjectKind = "User", subjectId = friendId, roleName = "folder-viewer" });

        await AssertForbiddenAsync(granted);
        await using var db = app.Database();
        Assert.False(await db.RoleBindings.AnyAsync(b => b.SubjectId == friendId));
    }

    [Fact]
    public async Task Nobody_raises_their_own_binding_above_what_they_hold()
    {
        var admin = await app.AdminClientAsync();
        var lead = await CustomRoleAsync(admin, "Workspace",
            new { module = "ghippo", resourceType = "rolebindings", action = "*" }, new { module = "kpanda", resourceType = "deployments", action = "*" });
        var reader = await CustomRoleAsync(admin, "Workspace", new { module = "kpanda", resourceType = "deployments", action = "get" });
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("lead"));
        var (client, leadId) = await UserAsync(admin);
        await GrantAsync(admin, "workspaces", workspace, "User", leadId, lead);
        var (_, memberId) = await UserAsync(admin);

        var toAdmin = await client.PostAsJsonAsync($"{Api}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = leadId, roleName = "workspace-admin" });
        var toViewer = await client.PostAsJsonAsync($"{Api}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = memberId, roleName = "workspace-viewer" });
        var withinReach = await client.PostAsJsonAsync($"{Api}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = memberId, roleName = reader });

        await AssertForbiddenAsync(toAdmin);
        await AssertForbiddenAsync(toViewer);
        Assert.Equal(HttpStatusCode.NoContent, withinReach.StatusCode);
        await using var db = app.Database();
        Assert.Equal([lead], await db.RoleBindings.Where(b => b.SubjectId == leadId).Select(b => b.RoleName).ToListAsync());
    }

    [Fact]
    public async Task Workspace_admin_grants_and_revokes_within_the_workspace()
    {
        var admin = await app.AdminClientAsync();
        var folder = await FolderAsync(admin, TestUsers.UniqueName("wadm"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("wadm"), folder);
        var (workspaceAdmin, workspaceAdminId) = await UserAsync(admin);
        await GrantAsync(admin, "workspaces", workspace, "User", workspaceAdminId, "workspace-admin");
        var (_, memberId) = await UserAsync(admin);

        var granted = await workspaceAdmin.PostAsJsonAsync($"{Api}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = memberId, roleName = "workspace-admin" });
        var revoked = await workspaceAdmin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/deauthorize", new { subjectKind = "User", subjectId = memberId, roleName = "workspace-admin" });
        var onFolder = await workspaceAdmin.PostAsJsonAsync($"{Api}/folders/{folder}/authorize", new { subjectKind = "User", subjectId = workspaceAdminId, roleName = "folder-admin" });

        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertForbiddenAsync(onFolder);
    }

    [Fact]
    public async Task Iam_owner_cannot_create_a_role_with_everything_but_an_admin_can()
    {
        var admin = await app.AdminClientAsync();
        var (owner, _) = await IamOwnerAsync(admin);
        var everything = new[] { new { module = "*", resourceType = "*", action = "*" } };
        var (refusedName, allowedName) = (TestUsers.UniqueName("all"), TestUsers.UniqueName("all"));

        var refused = await owner.PostAsJsonAsync($"{Api}/roles", new { name = refusedName, scope = "Workspace", permissions = everything });
        var mine = await owner.PostAsJsonAsync($"{Api}/roles", new { name = TestUsers.UniqueName("usr"), scope = "Platform", permissions = new[] { new { module = "ghippo", resourceType = "users", action = "get" } } });
        var allowed = await admin.PostAsJsonAsync($"{Api}/roles", new { name = allowedName, scope = "Workspace", permissions = everything });

        await AssertForbiddenAsync(refused);
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        await using var db = app.Database();
        Assert.False(await db.Roles.AnyAsync(r => r.Name == refusedName));
    }

    [Fact]
    public async Task Iam_owner_cannot_widen_a_role_beyond_what_they_hold()
    {
        var admin = await app.AdminClientAsync();
        var (owner, _) = await IamOwnerAsync(admin);
        var role = await CustomRoleAsync(admin, "Platform", new { module = "ghippo", resourceType = "users", action = "get" });

        var widened = await owner.PutAsJsonAsync($"{Api}/roles/{role}", new { permissions = new[] { new { module = "ghippo", resourceType = "*", action = "*" } } });
        var narrowed = await owner.PutAsJsonAsync($"{Api}/roles/{role}", new { permissions = new[] { new { module = "ghippo", resourceType = "users", action = "list" } } });

        await AssertForbiddenAsync(widened);
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        await using var db = app.Database();
        Assert.Equal([new Permission("ghippo", "users", "list")], (await db.Roles.SingleAsync(r => r.Name == role)).Permissions);
    }

    [Fact]
    public async Task Iam_owner_cannot_assign_or_take_the_admin_role_but_an_admin_can()
    {
        var admin = await app.AdminClientAsync();
        var (owner, ownerId) = await IamOwnerAsync(admin);
        var (_, otherId) = await UserAsync(admin);
        var (_, adminId) = await UserAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{adminId}/roles", new { roles = new[] { "admin" } })).StatusCode);

        var toOther = await owner.PutAsJsonAsync($"{Api}/users/{otherId}/roles", new { roles = new[] { "admin" } });
        var toSelf = await owner.PutAsJsonAsync($"{Api}/users/{ownerId}/roles", new { roles = new[] { "iam-owner", "admin" } });
        var auditor = await owner.PutAsJsonAsync($"{Api}/users/{otherId}/roles", new { roles = new[] { "audit-owner" } });
        var demoted = await owner.PutAsJsonAsync($"{Api}/users/{adminId}/roles", new { roles = Array.Empty<string>() });
        var peer = await owner.PutAsJsonAsync($"{Api}/users/{otherId}/roles", new { roles = new[] { "iam-owner" } });
        var byAdmin = await admin.PutAsJsonAsync($"{Api}/users/{otherId}/roles", new { roles = new[] { "admin" } });

        await AssertForbiddenAsync(toOther);
        await AssertForbiddenAsync(toSelf);
        await AssertForbiddenAsync(auditor);
        await AssertForbiddenAsync(demoted);
        Assert.Equal(HttpStatusCode.OK, peer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        await using var db = app.Database();
        Assert.Equal(["iam-owner"], await db.RoleBindings.Where(b => b.SubjectId == ownerId).Select(b => b.RoleName).ToListAsync());
        Assert.Equal(["admin"], await db.RoleBindings.Where(b => b.SubjectId == adminId).Select(b => b.RoleName).ToListAsync());
    }

    [Fact]
    public async Task Iam_owner_cannot_take_over_an_account_that_holds_more_than_they_do()
    {
        var admin = await app.AdminClientAsync();
        var (owner, _) = await IamOwnerAsync(admin);
        var (_, adminId) = await UserAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{adminId}/roles", new { roles = new[] { "admin" } })).StatusCode);
        var (_, plainId) = await UserAsync(admin);
        await using var before = app.Database();
        var hashBefore = await before.Users.Where(u => u.Id == adminId).Select(u => u.PasswordHash).SingleAsync();

        var reset = await owner.PutAsJsonAsync($"{Api}/users/{adminId}/password", new { password = "Taken-over-1234" });
        var disabled = await owner.PutAsJsonAsync($"{Api}/users/{adminId}", new { enabled = false });
        var deleted = await owner.DeleteAsync($"{Api}/users/{adminId}");
        var plainReset = await owner.PutAsJsonAsync($"{Api}/users/{plainId}/password", new { password = "Plain-reset-1234" });

        await AssertForbiddenAsync(reset);
        await AssertForbiddenAsync(disabled);
        await AssertForbiddenAsync(deleted);
        Assert.Equal(HttpStatusCode.NoContent, plainReset.StatusCode);
        await using var after = app.Database();
        var stored = await after.Users.SingleAsync(u => u.Id == adminId);
        Assert.Equal(hashBefore, stored.PasswordHash);
        Assert.True(stored.Enabled);
    }

    [Fact]
    public async Task Iam_owner_cannot_reach_admin_through_a_group()
    {
        var admin = await app.AdminClientAsync();
        var (owner, ownerId) = await IamOwnerAsync(admin);
        var admins = await GroupAsync(admin, TestUsers.UniqueName("admins"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/groups/{admins}/roles", new { roles = new[] { "admin" } })).StatusCode);
        var plain = await GroupAsync(admin, TestUsers.UniqueName("plain"));

        var joined = await owner.PostAsync($"{Api}/groups/{admins}/members/{ownerId}", null);
        var groupRaised = await owner.PutAsJsonAsync($"{Api}/groups/{plain}/roles", new { roles = new[] { "admin" } });
        var plainJoined = await owner.PostAsync($"{Api}/groups/{plain}/members/{ownerId}", null);

        await AssertForbiddenAsync(joined);
        await AssertForbiddenAsync(groupRaised);
        Assert.Equal(HttpStatusCode.NoContent, plainJoined.StatusCode);
        await using var db = app.Database();
        Assert.False(await db.GroupMembers.AnyAsync(m => m.GroupId == admins && m.UserId == ownerId));
        Assert.False(await db.RoleBindings.AnyAsync(b => b.SubjectId == plain));
    }

    [Fact]
    public async Task Folder_editor_cannot_move_a_workspace_or_folder_under_a_folder_they_administer()
    {
        var admin = await app.AdminClientAsync();
        var edited = await FolderAsync(admin, TestUsers.UniqueName("edited"));
        var owned = await FolderAsync(admin, TestUsers.UniqueName("owned"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("moved"), edited);
        var inner = await FolderAsync(admin, TestUsers.UniqueName("inner"), edited);
        var (mover, moverId) = await UserAsync(admin);
        await GrantAsync(admin, "folders", edited, "User", moverId, "folder-editor");
        await GrantAsync(admin, "folders", owned, "User", moverId, "folder-admin");
        var sibling = await WorkspaceAsync(admin, TestUsers.UniqueName("sibling"), edited);

        var workspaceMoved = await mover.PostAsJsonAsync($"{Api}/workspaces/{workspace}/move", new { parentFolderId = owned });
        var folderMoved = await mover.PostAsJsonAsync($"{Api}/folders/{inner}/move", new { parentFolderId = owned });
        var withinReach = await mover.PostAsJsonAsync($"{Api}/workspaces/{sibling}/move", new { parentFolderId = inner });

        await AssertForbiddenAsync(workspaceMoved);
        await AssertForbiddenAsync(folderMoved);
        Assert.Equal(HttpStatusCode.OK, withinReach.StatusCode);
        await using var db = app.Database();
        Assert.Equal(edited, (await db.Workspaces.SingleAsync(w => w.Id == workspace)).FolderId);
        Assert.Equal(edited, (await db.Folders.SingleAsync(f => f.Id == inner)).ParentId);
    }

    private async Task<(HttpClient Client, Guid Id)> UserAsync(HttpClient admin)
    {
        var name = TestUsers.UniqueName("u");
        var id = await TestUsers.CreateAsync(admin, name);
        return (await app.ClientForAsync(name, TestUsers.Password), id);
    }

    private async Task<(HttpClient Client, Guid Id)> IamOwnerAsync(HttpClient admin)
    {
        var name = TestUsers.UniqueName("iam");
        var id = await TestUsers.CreateAsync(admin, name);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{id}/roles", new { roles = new[] { "iam-owner" } })).StatusCode);
        return (await app.ClientForAsync(name, TestUsers.Password), id);
    }

    private static async Task<string> CustomRoleAsync(HttpClient admin, string scope, params object[] permissions)
    {
        var name = TestUsers.UniqueName("role");
        var response = await admin.PostAsJsonAsync($"{Api}/roles", new { name, scope, permissions });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private async Task<string> BindingsAsync(int workspaceId)
    {
        await using var db = app.Database();
        var bindings = await db.RoleBindings.Where(b => b.Scope == RoleScope.Workspace && b.ScopeId == workspaceId)
            .OrderBy(b => b.SubjectId).ThenBy(b => b.RoleName).Select(b => $"{b.SubjectId}:{b.RoleName}").ToListAsync();
        return string.Join(',', bindings);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
