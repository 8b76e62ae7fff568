using System.Net;
using Aspire.Hosting.ApplicationModel;
using Dce.AppHost.Hosting;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.Multicloud;

/// <summary>
/// Multicloud Management in the whole graph, through the gateway: the clusters Container Management joined are offered,
/// joined to the embedded instance, and a Deployment with a PropagationPolicy reaches every member, where Container
/// Management sees it run; kubectl against the instance shows the policy, its binding and the works.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MulticloudJourneyTests(PlatformFixture platform)
{
    private const string Kairship = "/apis/kairship.io/v1alpha1";
    private const string Instance = $"{Kairship}/instances/karmada-host";
    private static readonly string[] Members = ["cloud-east", "cloud-west", "edge-arm"];

    [Fact]
    public async Task A_deployment_propagated_by_policy_runs_in_every_member_and_kubectl_shows_the_binding()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        await api.WaitForAsync($"{Kairship}/kpanda-clusters?pageSize=100",
            json => Members.All(m => json.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("metadata").GetProperty("name").GetString() == m)),
            "Container Management's clusters offered to Multicloud Management");
        foreach (var member in Members)
        {
            var joined = await api.PostAsync($"{Instance}/clusters/{member}", new { cluster = new { } });
            Assert.True(joined.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"join {member}: {joined.Status}");
        }

        var ns = $"mc-{Guid.NewGuid():N}"[..12];
        (await api.PostAsync($"{Instance}/namespaces", new { data = $"metadata:\n  name: {ns}\n" })).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{Instance}/namespaces/{ns}/deployments", new { data = Deployment })).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{Instance}/namespaces/{ns}/propagationpolicies", new { data = Policy })).Expect(HttpStatusCode.OK);

        // A member NotReady when the policy arrived (another test may have made it so) gets the workload once it is
        // Ready again, as Karmada's scheduler reconciles a duplicated binding.
        var kubectl = new Kubectl(InstanceKubeconfig());
        string[] scheduled = [];
        await Eventually.HoldsAsync(async () =>
        {
            var names = await kubectl.RunAsync("get", "resourcebinding", "web-deployment", "-n", ns, "-o", "jsonpath={.spec.clusters[*].name}");
            scheduled = names.ExitCode == 0 ? names.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return Members.All(scheduled.Contains);
        }, async () => $"the binding scheduled to every member, not only {string.Join(", ", scheduled)}; "
            + await kubectl.OkAsync("get", "clusters", "-o", "wide"), TimeSpan.FromMinutes(2));
        foreach (var member in scheduled)
        {
            await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{member}/namespaces/{ns}/deployments/web",
                json => json.GetProperty("status").TryGetProperty("readyReplicas", out var ready) && ready.GetInt32() == 2, $"2 ready replicas in {member}",
                TimeSpan.FromMinutes(2));
        }

        await api.WaitForAsync($"{Instance}/namespaces/{ns}/deployments/web",
            json => json.GetProperty("status").TryGetProperty("readyReplicas", out var ready) && ready.GetInt32() == 2 * scheduled.Length,
            "the template's status summed over the members");
        var listed = await kubectl.OkAsync("get", "propagationpolicies,resourcebindings,works", "-A");
        Assert.Contains("everywhere", listed, StringComparison.Ordinal);
        Assert.Contains("web-deployment", listed, StringComparison.Ordinal);
        Assert.Equal(scheduled.Length, listed.Split('\n').Count(line => line.StartsWith("karmada-es-", StringComparison.Ordinal) && line.Contains("web", StringComparison.Ordinal)));
    }

    private string InstanceKubeconfig()
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var controlPlane = model.Resources.Single(r => r.Name == "karmada-host");
        var folder = controlPlane.Annotations.OfType<KubeconfigFolderAnnotation>().Single().Path;
        return Path.Combine(folder, "karmada-host.kubeconfig");
    }

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx:1.27, resources: {requests: {cpu: 50m, memory: 32Mi}}}]
        """;

    private const string Policy = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: everywhere}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          placement:
            clusterAffinity: {clusterNames: [cloud-east, cloud-west, edge-arm]}
            replicaScheduling: {replicaSchedulingType: Duplicated}
        """;
}
