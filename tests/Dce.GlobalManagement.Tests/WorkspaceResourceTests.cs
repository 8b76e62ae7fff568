using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

public sealed class WorkspaceResourceTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task A_namespace_belongs_to_one_workspace_only()
    {
        var admin = await app.AdminClientAsync();
        await app.JoinClusterAsync("sim-1");
        var first = await WorkspaceAsync(admin, TestUsers.UniqueName("ns-a"));
        var second = await WorkspaceAsync(admin, TestUsers.UniqueName("ns-b"));

        var bound = await admin.PostAsJsonAsync($"{Api}/workspaces/{first}/bind-resource", new { cluster = "sim-1", @namespace = "shop" });
        var taken = await admin.PostAsJsonAsync($"{Api}/workspaces/{second}/bind-resource", new { cluster = "sim-1", @namespace = "shop" });
        var unbound = await admin.PutAsJsonAsync($"{Api}/workspaces/{first}/unbind-resource", new { cluster = "sim-1", @namespace = "shop" });
        var free = await admin.PostAsJsonAsync($"{Api}/workspaces/{second}/bind-resource", new { cluster = "sim-1", @namespace = "shop" });
        var listed = await admin.GetFromJsonAsync<JsonElement>($"{Api}/workspaces/{second}/resources");

        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unbound.StatusCode);
        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
        Assert.Equal("shop", Assert.Single(listed.EnumerateArray()).GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Quota_in_six_dimensions_is_set_on_a_bound_cluster_and_checked()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("quota"));
        await BindAsync(app, admin, workspace, "sim-2");
        var hard = new { requestsCpu = "2", limitsCpu = "4", requestsMemory = "4Gi", limitsMemory = "8Gi", requestsStorage = "100Gi", persistentVolumeClaims = "10" };

        var unbound = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/sim-9", hard);
        var set = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/sim-2", hard);
        var inverted = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/sim-2", hard with { requestsCpu = "8" });
        var garbage = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/sim-2", hard with { limitsMemory = "lots" });
        var quotas = await admin.GetFromJsonAsync<JsonElement>($"{Api}/workspaces/{workspace}/quotas");
        var types = await admin.GetFromJsonAsync<JsonElement>($"{Api}/resourcequota-types");

        Assert.Equal(HttpStatusCode.NotFound, unbound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("4", Assert.Single(quotas.EnumerateArray()).GetProperty("hard").GetProperty("limitsCpu").GetString());
        Assert.Equal(6, types.GetArrayLength());
    }

    [Fact]
    public async Task Workspace_editor_cannot_bind_resources()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("ed-bind"));
        var name = TestUsers.UniqueName("ws-editor");
        await GrantAsync(admin, "workspaces", workspace, "User", await TestUsers.CreateAsync(admin, name), "workspace-editor");
        var editor = await app.ClientForAsync(name, TestUsers.Password);

        var bind = await editor.PostAsJsonAsync($"{Api}/workspaces/{workspace}/bind-resource", new { cluster = "sim-3" });

        Assert.Equal(HttpStatusCode.Forbidden, bind.StatusCode);
        await using var db = app.Database();
        Assert.False(await db.WorkspaceResources.AnyAsync(r => r.WorkspaceId == workspace));
    }
}
