using System.Net;
using System.Net.Http.Json;
using Dce.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dce.Multicloud.Tests.Api;

/// <summary>Every change through the module leaves one record in Global Management's audit log, refused ones too.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class AuditTests(MulticloudPlatform platform)
{
    [Fact]
    public async Task A_change_and_a_refused_change_are_each_audited_once()
    {
        var admin = platform.Admin();
        var ns = $"audit-{Guid.NewGuid():N}"[..14];
        (await admin.PostAsJsonAsync($"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces", new { data = $"metadata:\n  name: {ns}\n" }))
            .EnsureSuccessStatusCode();
        var deployments = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/{ns}/deployments";

        var created = await admin.PostAsJsonAsync(deployments, new { data = Manifests.Deployment("audited", "nginx:1.25", 1) });
        var refused = await admin.PostAsJsonAsync(deployments, new { data = "kind: Service\nmetadata: {name: audited}\n" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var target = $"{MulticloudPlatform.Instance}/{ns}";
        await Eventually.Until(async () =>
        {
            await using var db = platform.Identity.Database();
            return await db.AuditRecords.CountAsync(r => r.Module == "kairship" && r.ResourceName == target) == 2;
        }, "two audit records of the namespace's deployments");
        await using var log = platform.Identity.Database();
        var records = await log.AuditRecords.Where(r => r.Module == "kairship" && r.ResourceName == target).OrderBy(r => r.StatusCode).ToListAsync();
        Assert.Equal([(true, 200), (false, 400)], records.Select(r => (r.Succeeded, r.StatusCode)));
        Assert.All(records, r => Assert.Equal("create", r.Action));
        Assert.All(records, r => Assert.Equal("deployments", r.ResourceType));
    }
}
