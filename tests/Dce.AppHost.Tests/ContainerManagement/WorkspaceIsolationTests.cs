using System.Net;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>A user of workspace A sees and changes only what A holds, through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkspaceIsolationTests(PlatformFixture platform)
{
    private const string Cluster = "cloud-east";

    [Fact]
    public async Task A_namespace_viewer_of_workspace_a_cannot_see_or_change_what_workspace_b_holds()
    {
        using var admin = await PlatformApi.SignInAsync(platform);
        await admin.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", "cluster Running");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (nsA, nsB) = ($"team-a-{suffix}", $"team-b-{suffix}");
        foreach (var ns in new[] { nsA, nsB })
        {
            (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
            (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments", new { name = "app", image = "nginx:1.26" })).Expect(HttpStatusCode.Created);
        }

        var workspaceA = await WorkspaceAsync(admin, $"ws-a-{suffix}");
        var workspaceB = await WorkspaceAsync(admin, $"ws-b-{suffix}");
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsA}:bind", new { workspaceId = workspaceA })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsB}:bind", new { workspaceId = workspaceB })).Expect(HttpStatusCode.Created);
        var (userA, password) = ($"viewer-a-{suffix}", $"Pw-{Guid.NewGuid():N}");
        var userId = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = userA, password })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString();
        (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceA}/authorize", new { subjectKind = "User", subjectId = userId, roleName = "ns-viewer" }))
            .Expect(HttpStatusCode.NoContent);

        using var viewer = await PlatformApi.SignInAsync(platform, userA, password);
        var clusters = (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters?pageSize=100")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([Cluster], clusters.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("metadata").GetProperty("name").GetString()));
        var namespaces = (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces?pageSize=1000")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([nsA], namespaces.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("metadata").GetProperty("name").GetString()));
        var everywhere = (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/deployments?pageSize=1000")).Expect(HttpStatusCode.OK).Json;
        Assert.All(everywhere.GetProperty("items").EnumerateArray(), d => Assert.Equal(nsA, d.GetProperty("metadata").GetProperty("namespace").GetString()));

        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsA}/deployments/app")).Expect(HttpStatusCode.OK);
        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsB}/deployments/app")).Expect(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsB}/pods")).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsA}/deployments/app:scale", new { replicas = 3 })).Expect(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsB}/deployments/app")).Expect(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/nodes")).Expect(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/cloud-west")).Expect(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsA}/secrets?revealValues=true")).Expect(HttpStatusCode.Forbidden);
        (await admin.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{nsB}/deployments/app")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_namespace_quota_may_not_exceed_its_workspace_quota()
    {
        using var admin = await PlatformApi.SignInAsync(platform);
        await admin.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", "cluster Running");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ns = $"quota-{suffix}";
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
        var workspace = await WorkspaceAsync(admin, $"ws-q-{suffix}");
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        (await admin.PutAsync($"{PlatformApi.Ghippo}/workspaces/{workspace}/quotas/{Cluster}", new { requestsCpu = "2", requestsMemory = "4Gi" })).Expect(HttpStatusCode.OK);
        try
        {
            var quotas = $"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/resourcequotas";
            var refused = (await admin.PutAsync(quotas, new { hard = new Dictionary<string, string> { ["requests.cpu"] = "3", ["requests.memory"] = "1Gi" } }))
                .Expect(HttpStatusCode.BadRequest);
            Assert.Contains("requests.cpu", refused.Text, StringComparison.Ordinal);
            Assert.Contains($"workspace {workspace}", refused.Text, StringComparison.Ordinal);
            Assert.Equal(0, (await admin.GetAsync(quotas)).Expect(HttpStatusCode.OK).Json.GetProperty("items").GetArrayLength());

            var set = (await admin.PutAsync(quotas, new { hard = new Dictionary<string, string> { ["requests.cpu"] = "1500m", ["requests.memory"] = "2Gi" } }))
                .Expect(HttpStatusCode.OK).Json;
            Assert.Equal("1500m", set.GetProperty("spec").GetProperty("hard").GetProperty("requests.cpu").GetString());
            Assert.Equal(1, (await admin.GetAsync(quotas)).Expect(HttpStatusCode.OK).Json.GetProperty("items").GetArrayLength());
        }
        finally
        {
            await admin.DeleteAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}:unbind?workspaceId={workspace}");
            await admin.DeleteAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}:unbind?workspaceId={workspace}");
        }
    }

    internal static async Task<int> WorkspaceAsync(PlatformApi admin, string name) =>
        (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces", new { name })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetInt32();
}
