using System.Net;
using System.Text.Json;
using Dce.Testing;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>Clusters through the gateway: the embedded ones, joining one by kubeconfig, outages, removal.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ClusterLifecycleTests(PlatformFixture platform)
{
    private static readonly string[] EmbeddedClusters = ["cloud-east", "cloud-west", "edge-arm"];

    [Fact]
    public async Task The_embedded_clusters_appear_running_with_their_summaries()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var list = await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters?pageSize=100",
            json => EmbeddedClusters.All(name => Items(json).Any(c => Name(c) == name
                && Status(c).GetProperty("phase").GetString() == "Running" && Status(c).TryGetProperty("nodeSummary", out var s) && s.GetProperty("totalNum").GetInt32() > 0)),
            "the three embedded clusters Running with summaries");

        var east = Items(list).Single(c => Name(c) == "cloud-east");
        var status = Status(east);
        Assert.StartsWith("v1.", status.GetProperty("kubernetesVersion").GetString(), StringComparison.Ordinal);
        Assert.True(status.GetProperty("nodeSummary").GetProperty("readyNum").GetInt32() > 0);
        Assert.True(status.GetProperty("podSummary").GetProperty("totalNum").GetInt32() > 0, "system pods are counted");
        Assert.True(double.Parse(status.GetProperty("resourceSummary").GetProperty("allocatable").GetProperty("cpu").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(status.GetProperty("memoryUsage").GetDouble() > 0, "usage comes from metrics.k8s.io");
        Assert.Contains(status.GetProperty("conditions").EnumerateArray(), c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
        Assert.DoesNotContain("kubeconfig", east.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cluster_is_joined_by_its_kubeconfig_after_connecting_and_invalid_ones_are_refused()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync("joined-gcp");

        var notYaml = await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "broken", kubeconfig = "clusters: [ not: yaml" });
        notYaml.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("kubeconfig", notYaml.Text, StringComparison.Ordinal);
        var nowhere = System.Text.RegularExpressions.Regex.Replace(kubeconfig, @"server: https://127\.0\.0\.1:\d+", "server: https://127.0.0.1:9");
        var unreachable = await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "nowhere", kubeconfig = nowhere });
        unreachable.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("could not be reached", unreachable.Text, StringComparison.Ordinal);
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "Not_DNS", kubeconfig })).Expect(HttpStatusCode.BadRequest);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/nowhere")).Expect(HttpStatusCode.NotFound);

        var validated = (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/validate", new { kubeconfig })).Expect(HttpStatusCode.OK).Json;
        Assert.True(validated.GetProperty("validateResult").GetBoolean());

        var joined = (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new
        {
            name = "joined-gcp",
            alias = "GCP Europe",
            provider = "gcp",
            region = "europe-west1",
            zone = "europe-west1-b",
            labels = new Dictionary<string, string> { ["env"] = "test" },
            kubeconfig,
        })).Expect(HttpStatusCode.Created);
        Assert.DoesNotContain("certificate-authority-data", joined.Text, StringComparison.Ordinal);
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "joined-gcp", kubeconfig })).Expect(HttpStatusCode.Conflict);

        var cluster = await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/joined-gcp",
            json => Status(json).TryGetProperty("nodeSummary", out var s) && s.GetProperty("totalNum").GetInt32() == 3, "the joined cluster's summary");
        Assert.Equal("Running", Status(cluster).GetProperty("phase").GetString());
        Assert.Equal("GCP Europe", cluster.GetProperty("spec").GetProperty("aliasName").GetString());

        var nodes = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/joined-gcp/nodes")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(3, nodes.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.All(Items(nodes), node => Assert.False(string.IsNullOrEmpty(node.GetProperty("status").GetProperty("systemInfo").GetProperty("architecture").GetString())));

        (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/joined-gcp")).Expect(HttpStatusCode.OK);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/joined-gcp")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cluster_whose_api_goes_down_turns_unknown_and_back_while_the_others_keep_working()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync("flaky");
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "flaky", kubeconfig })).Expect(HttpStatusCode.Created);
        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/flaky", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", "flaky Running");

        await simulator.SetUnreachableAsync("flaky", true);
        try
        {
            var down = await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/flaky", json => json.GetProperty("status").GetProperty("phase").GetString() == "Unknown",
                "flaky Unknown", TimeSpan.FromSeconds(90));
            Assert.Contains(Status(down).GetProperty("conditions").EnumerateArray(), c => c.GetProperty("type").GetString() == "Reachable" && !string.IsNullOrEmpty(c.GetProperty("message").GetString()));

            var refused = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/flaky/nodes")).Expect(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("flaky", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/cloud-east/nodes")).Expect(HttpStatusCode.OK);
        }
        finally
        {
            await simulator.SetUnreachableAsync("flaky", false);
        }

        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/flaky", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", "flaky Running again", TimeSpan.FromSeconds(30));
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/flaky/nodes")).Expect(HttpStatusCode.OK);
        (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/flaky")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cluster_used_by_a_workspace_cannot_be_removed()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync("shared");
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "shared", kubeconfig })).Expect(HttpStatusCode.Created);
        var workspace = (await api.PostAsync($"{PlatformApi.Ghippo}/workspaces", new { name = "uses-shared" })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetInt32();
        // Global Management learns of the join from Container Management's cluster event, a moment after the join answered.
        var bound = default(Answer);
        await Eventually.Until(async () => (bound = await api.PostAsync($"{PlatformApi.Kpanda}/clusters/shared:bind", new { workspaceId = workspace })).Status != HttpStatusCode.NotFound,
            "cluster shared known to Global Management");
        bound!.Expect(HttpStatusCode.Created);

        var refused = (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/shared")).Expect(HttpStatusCode.Conflict);
        Assert.Contains(workspace.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/shared")).Expect(HttpStatusCode.OK);

        (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/shared:unbind?workspaceId={workspace}")).Expect(HttpStatusCode.OK);
        (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/shared")).Expect(HttpStatusCode.OK);
    }

    internal static IEnumerable<JsonElement> Items(JsonElement list) => list.GetProperty("items").EnumerateArray();

    internal static string? Name(JsonElement cluster) => cluster.GetProperty("metadata").GetProperty("name").GetString();

    internal static JsonElement Status(JsonElement cluster) => cluster.GetProperty("status");
}
