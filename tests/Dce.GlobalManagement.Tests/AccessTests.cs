using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

public sealed class AccessTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Workspace_viewer_reads_but_cannot_write_and_cannot_see_another_workspace()
    {
        var admin = await app.AdminClientAsync();
        var a = await WorkspaceAsync(admin, TestUsers.UniqueName("ws-a"));
        var b = await WorkspaceAsync(admin, TestUsers.UniqueName("ws-b"));
        var name = TestUsers.UniqueName("viewer");
        var viewerId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", a, "User", viewerId, "workspace-viewer");
        var viewer = await app.ClientForAsync(name, TestUsers.Password);

        var read = await viewer.GetAsync($"{Api}/workspaces/{a}");
        var write = await viewer.PutAsJsonAsync($"{Api}/workspaces/{a}", new { alias = "renamed" });
        var other = await viewer.GetAsync($"{Api}/workspaces/{b}");
        var list = await viewer.GetFromJsonAsync<JsonElement>($"{Api}/workspaces");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal([a], list.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Role_on_a_folder_reaches_workspaces_in_folders_below_it()
    {
        var admin = await app.AdminClientAsync();
        var top = await FolderAsync(admin, TestUsers.UniqueName("top"));
        var inner = await FolderAsync(admin, TestUsers.UniqueName("inner"), top);
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("deep"), inner);
        var outside = await WorkspaceAsync(admin, TestUsers.UniqueName("outside"));
        var name = TestUsers.UniqueName("folder-ed");
        var userId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "folders", top, "User", userId, "folder-editor");
        var editor = await app.ClientForAsync(name, TestUsers.Password);

        var write = await editor.PutAsJsonAsync($"{Api}/workspaces/{workspace}", new { alias = "changed" });
        var outsideWrite = await editor.PutAsJsonAsync($"{Api}/workspaces/{outside}", new { alias = "changed" });

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsideWrite.StatusCode);
    }

    [Fact]
    public async Task Group_members_inherit_the_groups_roles_and_lose_them_when_removed()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("grp-ws"));
        var groupId = await GroupAsync(admin, TestUsers.UniqueName("team"));
        var name = TestUsers.UniqueName("member");
        var userId = await TestUsers.CreateAsync(admin, name);
        await admin.PostAsync($"{Api}/groups/{groupId}/members/{userId}", null);
        await GrantAsync(admin, "workspaces", workspace, "Group", groupId, "workspace-admin");
        var member = await app.ClientForAsync(name, TestUsers.Password);
        var check = new { module = "kpanda", resourceType = "deployments", action = "create", workspaceId = workspace };

        var asMember = await (await member.PostAsJsonAsync($"{Api}/authorization:check", check)).Content.ReadFromJsonAsync<JsonElement>();
        await admin.DeleteAsync($"{Api}/groups/{groupId}/members/{userId}");
        var afterRemoval = await (await member.PostAsJsonAsync($"{Api}/authorization:check", check)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(asMember.GetProperty("allowed").GetBoolean());
        Assert.False(afterRemoval.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Authorization_check_follows_grants_and_revocations()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("chk"));
        var name = TestUsers.UniqueName("checked");
        var userId = await TestUsers.CreateAsync(admin, name);
        var user = await app.ClientForAsync(name, TestUsers.Password);
        var read = new { module = "kpanda", resourceType = "deployments", action = "get", workspaceId = workspace };
        var write = new { module = "kpanda", resourceType = "deployments", action = "delete", workspaceId = workspace };

        async Task<bool> Allowed(object question) =>
            (await (await user.PostAsJsonAsync($"{Api}/authorization:check", question)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean();

        var before = await Allowed(read);
        await GrantAsync(admin, "workspaces", workspace, "User", userId, "workspace-viewer");
        var granted = await Allowed(read);
        var viewerWrite = await Allowed(write);
        var revoke = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/deauthorize", new { subjectKind = "User", subjectId = userId, roleName = "workspace-viewer" });
        var oldToken = await user.PostAsJsonAsync($"{Api}/authorization:check", read);
        user = await app.ClientForAsync(name, TestUsers.Password);
        var revoked = await Allowed(read);

        Assert.False(before);
        Assert.True(granted);
        Assert.False(viewerWrite);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.False(revoked);
    }

    [Fact]
    public async Task Custom_role_grants_exactly_its_permissions()
    {
        var admin = await app.AdminClientAsync();
        var role = TestUsers.UniqueName("deployer");
        var created = await admin.PostAsJsonAsync($"{Api}/roles", new
        {
            name = role,
            scope = "Workspace",
            permissions = new[] { new { module = "kpanda", resourceType = "deployments", action = "*" } },
        });
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("custom"));
        var name = TestUsers.UniqueName("deployer-u");
        var userId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", workspace, "User", userId, role);
        var user = await app.ClientForAsync(name, TestUsers.Password);

        async Task<bool> Allowed(string resourceType) =>
            (await (await user.PostAsJsonAsync($"{Api}/authorization:check", new { module = "kpanda", resourceType, action = "update", workspaceId = workspace }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(await Allowed("deployments"));
        Assert.False(await Allowed("secrets"));
    }

    [Fact]
    public async Task Folders_nest_five_levels_and_no_deeper_and_never_into_themselves()
    {
        var admin = await app.AdminClientAsync();
        int? parent = null;
        var chain = new List<int>();
        for (var level = 1; level <= 5; level++)
        {
            parent = await FolderAsync(admin, TestUsers.UniqueName($"lvl{level}"), parent);
            chain.Add(parent.Value);
        }

        var sixth = await admin.PostAsJsonAsync($"{Api}/folders", new { name = TestUsers.UniqueName("lvl6"), parentFolderId = parent });
        var intoOwnChild = await admin.PostAsJsonAsync($"{Api}/folders/{chain[0]}/move", new { parentFolderId = chain[2] });
        var sibling = await FolderAsync(admin, TestUsers.UniqueName("side"));
        var tooDeep = await admin.PostAsJsonAsync($"{Api}/folders/{chain[0]}/move", new { parentFolderId = sibling });
        var fine = await admin.PostAsJsonAsync($"{Api}/folders/{chain[3]}/move", new { parentFolderId = sibling });

        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, intoOwnChild.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Only_platform_roles_may_manage_users()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("plain");
        await TestUsers.CreateAsync(admin, name);
        var plain = await app.ClientForAsync(name, TestUsers.Password);

        var list = await plain.GetAsync($"{Api}/users");
        var create = await plain.PostAsJsonAsync($"{Api}/users", new { name = TestUsers.UniqueName("sneaky"), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Administrators_cannot_disable_or_delete_themselves()
    {
        var admin = await app.AdminClientAsync();
        var me = await admin.GetFromJsonAsync<JsonElement>($"{Api}/current-user");
        var id = me.GetProperty("id").GetGuid();

        var disable = await admin.PutAsJsonAsync($"{Api}/users/{id}", new { enabled = false });
        var delete = await admin.DeleteAsync($"{Api}/users/{id}");
        var stillIn = await admin.GetAsync($"{Api}/current-user");

        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }
}
