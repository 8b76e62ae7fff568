using System.Globalization;
using System.Net;
using System.Text.Json;
using Dce.AppHost.Tests.ContainerManagement;

namespace Dce.AppHost.Tests.Insight;

/// <summary>
/// Insight in the whole graph, through the gateway: it observes the clusters Container Management joined, and a scaled
/// Deployment's series follow it in VictoriaMetrics.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InsightJourneyTests(PlatformFixture platform)
{
    private const string Insight = "/apis/insight.io/v1alpha1";
    private static readonly string[] Embedded = ["cloud-east", "cloud-west", "edge-arm"];

    [Fact]
    public async Task Insight_lists_the_embedded_clusters_and_a_scaled_deployment_changes_its_series()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        await api.WaitForAsync($"{Insight}/clusters",
            json => Embedded.All(name => json.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("name").GetString() == name)),
            "every embedded cluster observed by Insight", TimeSpan.FromMinutes(2));

        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "insight");
        var deployments = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments";
        (await api.PostAsync(deployments, new { name = "web", image = "nginx:1.26", replicas = 2 })).Expect(HttpStatusCode.Created);
        await WaitForReplicasAsync(api, cluster, ns, 2);

        (await api.PostAsync($"{deployments}/web:scale", new { replicas = 4 })).Expect(HttpStatusCode.OK);
        await WaitForReplicasAsync(api, cluster, ns, 4);
    }

    private static async Task WaitForReplicasAsync(PlatformApi api, string cluster, string ns, int replicas)
    {
        var query = Uri.EscapeDataString($"kube_deployment_spec_replicas{{namespace=\"{ns}\",deployment=\"web\"}}");
        await api.WaitForAsync($"{Insight}/metric/query?query={query}&cluster={cluster}",
            json => Value(json) == replicas, $"kube_deployment_spec_replicas of {ns}/web at {replicas}", TimeSpan.FromMinutes(2));
    }

    private static double? Value(JsonElement answer) =>
        answer.GetProperty("vector").EnumerateArray().Select(sample => sample.GetProperty("values").GetProperty("value").GetString())
            .Select(text => double.Parse(text!, CultureInfo.InvariantCulture)).Cast<double?>().FirstOrDefault();
}
