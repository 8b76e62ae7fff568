using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

public sealed class AuditTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Audits = "/apis/ghippo.io/v1alpha3/audits";

    [Fact]
    public async Task Every_mutation_leaves_exactly_one_audit_record()
    {
        var admin = await app.AdminClientAsync();
        await app.JoinClusterAsync("sim-1");
        var count = await app.AuditCountWhenSettledAsync(1);
        var name = TestUsers.UniqueName("audited");
        var mutations = new List<Func<Task<HttpResponseMessage>>>();
        Guid userId = default, groupId = default;
        int folderId = 0, workspaceId = 0;

        async Task Expect(HttpStatusCode status, Func<Task<HttpResponseMessage>> mutation)
        {
            var response = await mutation();
            Assert.Equal(status, response.StatusCode);
            count++;
            Assert.Equal(count, await app.AuditCountWhenSettledAsync(count));
            if (status == HttpStatusCode.Created)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    (userId, groupId) = response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/users", StringComparison.Ordinal) ? (id.GetGuid(), groupId) : (userId, id.GetGuid());
                }
                else if (id.ValueKind == JsonValueKind.Number)
                {
                    (folderId, workspaceId) = response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/folders", StringComparison.Ordinal) ? (id.GetInt32(), workspaceId) : (folderId, id.GetInt32());
                }
            }
        }

        await Expect(HttpStatusCode.Created, () => admin.PostAsJsonAsync($"{Api}/users", new { name, password = TestUsers.Password }));
        await Expect(HttpStatusCode.OK, () => admin.PutAsJsonAsync($"{Api}/users/{userId}", new { description = "Builds things" }));
        await Expect(HttpStatusCode.NoContent, () => admin.PutAsJsonAsync($"{Api}/users/{userId}/password", new { password = "Another-Secret-77" }));
        await Expect(HttpStatusCode.Created, () => admin.PostAsJsonAsync($"{Api}/groups", new { name = TestUsers.UniqueName("grp") }));
        await Expect(HttpStatusCode.NoContent, () => admin.PostAsync($"{Api}/groups/{groupId}/members/{userId}", null));
        await Expect(HttpStatusCode.Created, () => admin.PostAsJsonAsync($"{Api}/folders", new { name = TestUsers.UniqueName("fld") }));
        await Expect(HttpStatusCode.Created, () => admin.PostAsJsonAsync($"{Api}/workspaces", new { name = TestUsers.UniqueName("wsp"), parentFolderId = folderId }));
        await Expect(HttpStatusCode.NoContent, () => admin.PostAsJsonAsync($"{Api}/workspaces/{workspaceId}/authorize", new { subjectKind = "Group", subjectId = groupId, roleName = "workspace-editor" }));
        await Expect(HttpStatusCode.Created, () => admin.PostAsJsonAsync($"{Api}/workspaces/{workspaceId}/bind-resource", new { cluster = "sim-1" }));
        await Expect(HttpStatusCode.OK, () => admin.PutAsJsonAsync($"{Api}/workspaces/{workspaceId}/quotas/sim-1", new { requestsCpu = "1" }));
        await Expect(HttpStatusCode.OK, () => admin.PostAsJsonAsync($"{Api}/workspaces/{workspaceId}/move", new { parentFolderId = (int?)null }));
        await Expect(HttpStatusCode.NoContent, () => admin.DeleteAsync($"{Api}/groups/{groupId}"));
        await Expect(HttpStatusCode.BadRequest, () => admin.PostAsJsonAsync($"{Api}/groups", new { name = "Not Valid" }));
        await Expect(HttpStatusCode.NoContent, () => admin.DeleteAsync($"{Api}/users/{userId}"));

        await Task.Delay(1000);
        Assert.Equal(count, await app.CountAuditsAsync());
    }

    [Fact]
    public async Task Refused_mutation_is_recorded_with_who_what_where_and_the_result()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("refuse"));
        var name = TestUsers.UniqueName("refused");
        await GrantAsync(admin, "workspaces", workspace, "User", await TestUsers.CreateAsync(admin, name), "workspace-viewer");
        var viewer = await app.ClientForAsync(name, TestUsers.Password);

        viewer.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var refused = await viewer.DeleteAsync($"{Api}/workspaces/{workspace}");

        await using var db = app.Database();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await db.AuditRecords.AnyAsync(a => a.Actor == name && a.Action == "delete") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var record = await db.AuditRecords.SingleAsync(a => a.Actor == name && a.Action == "delete");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(record.Succeeded);
        Assert.Equal(403, record.StatusCode);
        Assert.Equal("workspaces", record.ResourceType);
        Assert.Equal(workspace, record.WorkspaceId);
        Assert.Equal("ghippo", record.Module);
        Assert.Equal("203.0.113.7", record.ClientIp);
    }

    [Fact]
    public async Task Audit_log_filters_pages_and_exports_csv()
    {
        var admin = await app.AdminClientAsync();
        var marker = TestUsers.UniqueName("csv");
        await admin.PostAsJsonAsync($"{Api}/groups", new { name = marker });
        await admin.PostAsJsonAsync($"{Api}/groups", new { name = marker + "-2" });
        var settled = await app.AuditCountWhenSettledAsync(await app.CountAuditsAsync() + 2);

        var page = await admin.GetFromJsonAsync<JsonElement>($"{Audits}?resourceType=groups&action=create&fuzzyName={marker}&pageSize=1&sortBy=occurredAt&sortDir=desc");
        var csv = await admin.GetStringAsync($"{Audits}/export?resourceType=groups&action=create");
        var badPage = await admin.GetAsync($"{Audits}?pageSize=100000");

        Assert.True(settled >= 2);
        Assert.Equal(2, page.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("pagination").GetProperty("pages").GetInt32());
        Assert.Equal(marker + "-2", page.GetProperty("items")[0].GetProperty("resourceName").GetString());
        Assert.StartsWith("id,occurredAt,module,actor", csv, StringComparison.Ordinal);
        Assert.Contains($"\"{marker}\"", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [Fact]
    public async Task Retention_deletes_only_records_older_than_the_period()
    {
        var admin = await app.AdminClientAsync();
        await using (var db = app.Database())
        {
            db.AuditRecords.Add(new Model.AuditRecord
            {
                EventId = Guid.NewGuid(),
                OccurredAt = DateTimeOffset.UtcNow.AddDays(-400),
                Module = "kpanda",
                Actor = "old",
                Action = "create",
                ResourceType = "deployments",
                Succeeded = true,
                StatusCode = 201,
            });
            await db.SaveChangesAsync();
        }

        var cleared = await admin.PostAsync($"{Audits}/clear", null);

        await using var check = app.Database();
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False(await check.AuditRecords.AnyAsync(a => a.Actor == "old"));
        Assert.True(await check.AuditRecords.AnyAsync());
    }

    [Fact]
    public async Task Only_audit_owners_and_admins_read_the_audit_log()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("auditor");
        var plainName = TestUsers.UniqueName("nosy");
        var auditor = await TestUsers.CreateAsync(admin, name);
        await TestUsers.CreateAsync(admin, plainName);
        await admin.PutAsJsonAsync($"{Api}/users/{auditor}/roles", new { roles = new[] { "audit-owner" } });

        var asAuditor = await (await app.ClientForAsync(name, TestUsers.Password)).GetAsync(Audits);
        var asPlain = await (await app.ClientForAsync(plainName, TestUsers.Password)).GetAsync(Audits);

        Assert.Equal(HttpStatusCode.OK, asAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asPlain.StatusCode);
    }

    [Fact]
    public async Task Audit_events_of_other_modules_arrive_through_the_event_bus_and_are_stored()
    {
        var id = Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Dce.EventBus.IIntegrationEventOutbox>();
            outbox.Add(new Dce.Platform.Contracts.IntegrationEvents.AuditRecorded("kpanda", "alice", null, "create", "deployments", "web", 7, true, 201, "198.51.100.4") { Id = id });
            await scope.ServiceProvider.GetRequiredService<Infrastructure.GlobalManagementDbContext>().SaveChangesAsync();
        }

        await using var db = app.Database();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await db.AuditRecords.AnyAsync(a => a.EventId == id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var record = await db.AuditRecords.SingleAsync(a => a.EventId == id);
        Assert.Equal(("kpanda", "alice", "deployments", "web", 7), (record.Module, record.Actor, record.ResourceType, record.ResourceName, record.WorkspaceId));
    }
}
