using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Questions about clusters and namespaces, answered through the workspaces they are bound to.</summary>
public sealed class ClusterAccessTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Namespace_viewer_reads_in_its_workspaces_namespace_only()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var a = await WorkspaceAsync(admin, TestUsers.UniqueName("ns-a"));
        var b = await WorkspaceAsync(admin, TestUsers.UniqueName("ns-b"));
        await BindAsync(admin, a, cluster, "shop");
        await BindAsync(admin, b, cluster, "bank");
        var (viewer, _) = await UserWithRoleAsync(admin, a, "ns-viewer");

        Assert.True(await CheckAsync(viewer, "list", "pods", cluster, "shop"));
        Assert.False(await CheckAsync(viewer, "list", "pods", cluster, "bank"));
        Assert.False(await CheckAsync(viewer, "list", "pods", cluster));
        Assert.False(await CheckAsync(viewer, "delete", "pods", cluster, "shop"));
        Assert.False(await CheckAsync(viewer, "get", "secret-values", cluster, "shop"));
        Assert.True(await CheckAsync(viewer, "get", "resources", cluster, "shop", module: "clusterpedia"));
    }

    [Fact]
    public async Task Custom_resources_are_the_namespace_admins_in_its_namespace_and_need_the_whole_cluster_beyond_it()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("crs"));
        await BindAsync(admin, workspace, cluster, "shop");
        var (nsAdmin, _) = await UserWithRoleAsync(admin, workspace, "ns-admin");
        var (editor, _) = await UserWithRoleAsync(admin, workspace, "ns-editor");

        Assert.True(await CheckAsync(nsAdmin, "create", "customresources", cluster, "shop"));
        Assert.False(await CheckAsync(nsAdmin, "list", "customresources", cluster));
        Assert.False(await CheckAsync(editor, "get", "customresources", cluster, "shop"));
    }

    [Fact]
    public async Task Whole_cluster_binding_grants_every_namespace_of_it_also_through_a_folder()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var folder = await FolderAsync(admin, TestUsers.UniqueName("f"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("whole"), folder);
        await BindAsync(admin, workspace, cluster);
        var (editor, _) = await UserWithRoleAsync(admin, workspace, "ns-editor");
        var name = TestUsers.UniqueName("f-admin");
        await GrantAsync(admin, "folders", folder, "User", await TestUsers.CreateAsync(admin, name), "folder-admin");
        var folderAdmin = await app.ClientForAsync(name, TestUsers.Password);

        Assert.True(await CheckAsync(editor, "scale", "workloads", cluster));
        Assert.True(await CheckAsync(editor, "update", "pods", cluster, "anything"));
        Assert.False(await CheckAsync(editor, "update", "pods", TestUsers.UniqueName("other")));
        Assert.False(await CheckAsync(editor, "delete", "secret-values", cluster));
        Assert.True(await CheckAsync(folderAdmin, "drain", "nodes", cluster));
    }

    [Fact]
    public async Task Platform_administrator_may_act_on_any_cluster_bound_or_not()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("kp-owner");
        var ownerId = await TestUsers.CreateAsync(admin, name);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{ownerId}/roles", new { roles = new[] { "kpanda-owner" } })).StatusCode);
        var owner = await app.ClientForAsync(name, TestUsers.Password);
        var cluster = TestUsers.UniqueName("c");

        Assert.True(await CheckAsync(admin, "delete", "clusters", cluster));
        Assert.True(await CheckAsync(admin, "get", "secret-values", cluster, "kube-system"));
        Assert.True(await CheckAsync(owner, "delete", "pods", cluster, "kube-system"));
        Assert.False(await CheckAsync(owner, "list", "resources", cluster, module: "clusterpedia"));
    }

    [Fact]
    public async Task Scope_lists_whole_clusters_and_the_namespaces_they_do_not_cover()
    {
        var admin = await app.AdminClientAsync();
        var (whole, shared, other, unrelated) = (TestUsers.UniqueName("c1"), TestUsers.UniqueName("c2"), TestUsers.UniqueName("c3"), TestUsers.UniqueName("c4"));
        var mine = await WorkspaceAsync(admin, TestUsers.UniqueName("mine"));
        var theirs = await WorkspaceAsync(admin, TestUsers.UniqueName("theirs"));
        await BindAsync(admin, mine, whole);
        await BindAsync(admin, mine, whole, "covered");
        await BindAsync(admin, mine, shared, "zeta");
        await BindAsync(admin, mine, shared, "alpha");
        await BindAsync(admin, mine, other, "one");
        await BindAsync(admin, theirs, shared, "beta");
        await BindAsync(admin, theirs, unrelated);
        var (viewer, _) = await UserWithRoleAsync(admin, mine, "ns-viewer");
        var (nobody, _) = await UserWithRoleAsync(admin, theirs, "workspace-viewer", bind: false);

        var scope = await ScopeAsync(viewer, "list", "pods");
        var cached = await ScopeAsync(viewer, "list", "pods");
        var denied = await ScopeAsync(viewer, "delete", "pods");
        var empty = await ScopeAsync(nobody, "list", "pods");
        var everything = await ScopeAsync(admin, "list", "pods");

        Assert.False(scope.GetProperty("all").GetBoolean());
        Assert.Equal([whole], scope.GetProperty("clusters").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(
            new[] { $"{other}/one", $"{shared}/alpha", $"{shared}/zeta" }.Order(StringComparer.Ordinal),
            scope.GetProperty("namespaces").EnumerateArray().Select(n => $"{n.GetProperty("cluster").GetString()}/{n.GetProperty("namespace").GetString()}"));
        Assert.Equal(scope.GetRawText(), cached.GetRawText());
        Assert.Empty(denied.GetProperty("clusters").EnumerateArray());
        Assert.Empty(denied.GetProperty("namespaces").EnumerateArray());
        Assert.False(empty.GetProperty("all").GetBoolean());
        Assert.Empty(empty.GetProperty("namespaces").EnumerateArray());
        Assert.True(everything.GetProperty("all").GetBoolean());
    }

    [Fact]
    public async Task Binding_and_unbinding_a_namespace_changes_the_answer_at_once()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("bind"));
        var (viewer, _) = await UserWithRoleAsync(admin, workspace, "ns-viewer");

        var before = await CheckAsync(viewer, "list", "pods", cluster, "late");
        var scopeBefore = await ScopeAsync(viewer, "list", "pods");
        await BindAsync(admin, workspace, cluster, "late");
        var bound = await CheckAsync(viewer, "list", "pods", cluster, "late");
        var scopeBound = await ScopeAsync(viewer, "list", "pods");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/unbind-resource", new { cluster, @namespace = "late" })).StatusCode);
        var unbound = await CheckAsync(viewer, "list", "pods", cluster, "late");

        Assert.False(before);
        Assert.Empty(scopeBefore.GetProperty("namespaces").EnumerateArray());
        Assert.True(bound);
        Assert.Single(scopeBound.GetProperty("namespaces").EnumerateArray());
        Assert.False(unbound);
    }

    [Fact]
    public async Task Cluster_bindings_are_listed_to_platform_roles_only()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var a = await WorkspaceAsync(admin, TestUsers.UniqueName("bd-a"));
        var b = await WorkspaceAsync(admin, TestUsers.UniqueName("bd-b"));
        await BindAsync(admin, a, cluster);
        await BindAsync(admin, b, cluster, "web");
        await BindAsync(admin, a, cluster, "api");
        await BindAsync(admin, b, TestUsers.UniqueName("elsewhere"));
        var (workspaceAdmin, _) = await UserWithRoleAsync(admin, a, "workspace-admin");
        var ownerName = TestUsers.UniqueName("kp-owner");
        var ownerId = await TestUsers.CreateAsync(admin, ownerName);
        await admin.PutAsJsonAsync($"{Api}/users/{ownerId}/roles", new { roles = new[] { "kpanda-owner" } });
        var owner = await app.ClientForAsync(ownerName, TestUsers.Password);

        var listed = await admin.GetFromJsonAsync<JsonElement>($"{Api}/clusters/{cluster}/bindings");
        var byOwner = await owner.GetAsync($"{Api}/clusters/{cluster}/bindings");
        var refused = await workspaceAdmin.GetAsync($"{Api}/clusters/{cluster}/bindings");
        var unused = await admin.GetFromJsonAsync<JsonElement>($"{Api}/clusters/{TestUsers.UniqueName("unused")}/bindings");

        Assert.Equal(
            new[] { $"{a}:", $"{a}:api", $"{b}:web" },
            listed.EnumerateArray().Select(x => $"{x.GetProperty("workspaceId").GetInt32()}:{x.GetProperty("namespace").GetString()}"));
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("namespace").ValueKind);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, unused.GetArrayLength());
    }

    [Fact]
    public async Task Workspace_quota_of_a_namespace_names_the_workspace_its_limits_and_its_other_namespaces()
    {
        var admin = await app.AdminClientAsync();
        var (cluster, second) = (TestUsers.UniqueName("c"), TestUsers.UniqueName("c"));
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("wq"));
        var bare = await WorkspaceAsync(admin, TestUsers.UniqueName("wq-bare"));
        await BindAsync(admin, workspace, cluster);
        await BindAsync(admin, workspace, cluster, "shop");
        await BindAsync(admin, workspace, cluster, "cart");
        await BindAsync(admin, workspace, second, "far");
        await BindAsync(admin, bare, cluster, "lonely");
        var quota = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/quotas/{cluster}", new { requestsCpu = "2", limitsCpu = "4", persistentVolumeClaims = "10" });
        Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
        var (nsAdmin, _) = await UserWithRoleAsync(admin, workspace, "ns-admin");
        var (viewer, _) = await UserWithRoleAsync(admin, workspace, "ns-viewer");

        var answer = await nsAdmin.GetFromJsonAsync<JsonElement>($"{Api}/clusters/{cluster}/namespaces/shop/workspace-quota");
        var unlimited = await admin.GetFromJsonAsync<JsonElement>($"{Api}/clusters/{cluster}/namespaces/lonely/workspace-quota");
        var missing = await admin.GetAsync($"{Api}/clusters/{cluster}/namespaces/nowhere/workspace-quota");
        var refused = await viewer.GetAsync($"{Api}/clusters/{cluster}/namespaces/shop/workspace-quota");

        Assert.Equal(workspace, answer.GetProperty("workspaceId").GetInt32());
        Assert.Equal("4", answer.GetProperty("hard").GetProperty("limitsCpu").GetString());
        Assert.Equal("10", answer.GetProperty("hard").GetProperty("persistentVolumeClaims").GetString());
        Assert.Equal(["cart"], answer.GetProperty("namespaces").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(bare, unlimited.GetProperty("workspaceId").GetInt32());
        Assert.Equal(JsonValueKind.Null, unlimited.GetProperty("hard").ValueKind);
        Assert.Empty(unlimited.GetProperty("namespaces").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("""{"module":"kpanda","resourceType":"pods","action":"list","namespace":"shop"}""", "namespace")]
    [InlineData("""{"module":"kpanda","resourceType":"pods","action":"list","cluster":"c1","workspaceId":1}""", "cluster")]
    [InlineData("""{"module":"kpanda","resourceType":"pods","action":"list","cluster":"c1","folderId":1}""", "cluster")]
    [InlineData("""{"module":"kpanda","resourceType":"pods","action":"list","cluster":"Bad_Cluster"}""", "cluster")]
    [InlineData("""{"module":"kpanda","resourceType":"pods","action":"list","cluster":"c1","namespace":"x'; drop table"}""", "namespace")]
    public async Task Bad_cluster_question_is_refused_saying_what_to_fix(string body, string field)
    {
        var admin = await app.AdminClientAsync();

        var response = await admin.PostAsync($"{Api}/authorization:check", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Bad_scope_and_cluster_route_input_is_refused_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        await using var db = app.Database();
        var resourcesBefore = await db.WorkspaceResources.CountAsync();

        var scope = await admin.PostAsJsonAsync($"{Api}/authorization:scope", new { module = "kpanda", resourceType = "pods" });
        var bindings = await admin.GetAsync($"{Api}/clusters/Not_A_Name/bindings");
        var quota = await admin.GetAsync($"{Api}/clusters/c1/namespaces/Not_A_Name/workspace-quota");

        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.True((await scope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("action", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bindings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, quota.StatusCode);
        Assert.Equal(resourcesBefore, await db.WorkspaceResources.CountAsync());
    }

    [Fact]
    public async Task Namespace_roles_are_built_in_workspace_roles()
    {
        var admin = await app.AdminClientAsync();

        var roles = await admin.GetFromJsonAsync<JsonElement>($"{Api}/roles");

        var byName = roles.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        foreach (var name in new[] { "cluster-admin", "ns-admin", "ns-editor", "ns-viewer" })
        {
            Assert.True(byName.TryGetValue(name, out var role), name);
            Assert.True(role.GetProperty("builtIn").GetBoolean());
            Assert.Equal("Workspace", role.GetProperty("scope").GetString());
        }
    }

    private async Task<(HttpClient Client, Guid Id)> UserWithRoleAsync(HttpClient admin, int workspaceId, string role, bool bind = true)
    {
        var name = TestUsers.UniqueName(role);
        var id = await TestUsers.CreateAsync(admin, name);
        if (bind)
        {
            await GrantAsync(admin, "workspaces", workspaceId, "User", id, role);
        }

        return (await app.ClientForAsync(name, TestUsers.Password), id);
    }

    private Task BindAsync(HttpClient admin, int workspaceId, string cluster, string? @namespace = null) =>
        TestHierarchy.BindAsync(app, admin, workspaceId, cluster, @namespace);

    private static async Task<bool> CheckAsync(HttpClient client, string action, string resourceType, string cluster, string? @namespace = null, string module = "kpanda")
    {
        var response = await client.PostAsJsonAsync($"{Api}/authorization:check", new { module, resourceType, action, cluster, @namespace });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean();
    }

    private static async Task<JsonElement> ScopeAsync(HttpClient client, string action, string resourceType)
    {
        var response = await client.PostAsJsonAsync($"{Api}/authorization:scope", new { module = "kpanda", resourceType, action });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
