using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

public sealed class IdempotencyTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Creating_a_workspace_twice_with_one_key_creates_one_and_replays_the_answer()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("idem");
        var key = Guid.NewGuid().ToString();

        using var first = await admin.SendAsync(CreateWorkspace(name, key));
        using var retried = await admin.SendAsync(CreateWorkspace(name, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.GetProperty("id").GetInt32(), replayed.GetProperty("id").GetInt32());
        await using var db = app.Database();
        Assert.Equal(1, await db.Workspaces.CountAsync(w => w.Name == name));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_replay_to_a_caller_who_lost_the_right_is_refused_not_answered_from_the_record()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("idem-ws"));
        var name = TestUsers.UniqueName("idem-user");
        var userId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", workspace, "User", userId, "workspace-admin");
        var key = Guid.NewGuid().ToString();

        var user = await app.ClientForAsync(name, TestUsers.Password);
        using var first = await user.SendAsync(UpdateAlias(workspace, key));
        var revoke = await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/deauthorize", new { subjectKind = "User", subjectId = userId, roleName = "workspace-admin" });
        user = await app.ClientForAsync(name, TestUsers.Password);
        using var replayed = await user.SendAsync(UpdateAlias(workspace, key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.False(replayed.Headers.Contains("Idempotent-Replayed"));
    }

    private static HttpRequestMessage UpdateAlias(int workspace, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Api}/workspaces/{workspace}") { Content = JsonContent.Create(new { alias = "renamed" }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static HttpRequestMessage CreateWorkspace(string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/workspaces") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
