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

    private static HttpRequestMessage CreateWorkspace(string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/workspaces") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
