using Dce.Kubernetes.Errors;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

[Collection(ClusterCollection.Name)]
public sealed class NodeOperationsTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C2;

    private async Task<List<string>> WorkersAsync() =>
        (await NodeOperations.ListAsync(Client)).Where(n => !n.Roles.Contains("control-plane")).Select(n => n.Name).ToList();

    private async Task DeployAsync(string ns, string name, int replicas)
    {
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.Deployment, ns, new WorkloadForm { Name = name, Image = "nginx", Replicas = replicas });
        await Eventually.Until(async () =>
            (await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name)).Pods.Count(PodReadiness.IsReady) == replicas,
            $"{replicas} ready pods");
    }

    [Fact]
    public async Task Node_list_carries_capacity_usage_and_roles()
    {
        var nodes = await NodeOperations.ListAsync(Client);

        Assert.Equal(4, nodes.Count);
        Assert.Single(nodes, n => n.Roles.Contains("control-plane"));
        Assert.All(nodes, n =>
        {
            Assert.True(n.Ready);
            Assert.NotNull(n.Usage);
            Assert.NotNull(n.Capacity.Cpu);
            Assert.NotNull(n.Allocatable.Memory);
            Assert.NotNull(n.KubeletVersion);
        });
        var detail = await NodeOperations.GetAsync(Client, nodes[0].Name);
        Assert.NotNull(detail.Usage);
        Assert.Contains(detail.Conditions, c => c.Type == "Ready");
    }

    [Fact]
    public async Task Cordoned_node_gets_no_new_pods()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var cordoned = (await WorkersAsync())[0];
        await NodeOperations.CordonAsync(Client, cordoned);
        try
        {
            Assert.True((await NodeOperations.GetAsync(Client, cordoned)).Unschedulable);

            await DeployAsync(ns, "spread", 6);

            var pods = await PodOperations.ListAsync(Client, ns);
            Assert.Equal(6, pods.Count);
            Assert.DoesNotContain(pods, p => p.Spec.NodeName == cordoned);
            Assert.Empty(await PodOperations.ListAsync(Client, ns, nodeName: cordoned));
        }
        finally
        {
            await NodeOperations.UncordonAsync(Client, cordoned);
        }

        Assert.False((await NodeOperations.GetAsync(Client, cordoned)).Unschedulable);
    }

    [Fact]
    public async Task Drain_evicts_pods_and_they_move_elsewhere()
    {
        var ns = await fixture.NamespaceAsync(Client);
        await DeployAsync(ns, "movable", 6);
        var pods = await PodOperations.ListAsync(Client, ns);
        var node = pods.GroupBy(p => p.Spec.NodeName).OrderByDescending(g => g.Count()).First().Key;
        var onNode = pods.Where(p => p.Spec.NodeName == node).Select(p => $"{ns}/{p.Metadata.Name}").ToList();

        try
        {
            var result = await NodeOperations.DrainAsync(Client, node);

            Assert.Empty(result.Failures);
            Assert.Subset(result.Evicted.ToHashSet(), onNode.ToHashSet());
            await Eventually.Until(async () =>
            {
                var now = await PodOperations.ListAsync(Client, ns);
                return now.Count(PodReadiness.IsReady) == 6 && now.All(p => p.Spec.NodeName != node);
            }, "pods rescheduled off the drained node");
        }
        finally
        {
            await NodeOperations.UncordonAsync(Client, node);
        }
    }

    [Fact]
    public async Task Labels_annotations_and_taints_are_replaced_as_a_whole()
    {
        var worker = (await WorkersAsync())[^1];
        var before = await NodeOperations.GetAsync(Client, worker);
        var labels = new Dictionary<string, string>(before.Labels) { ["dce.io/team"] = "payments" };

        try
        {
            await NodeOperations.SetLabelsAsync(Client, worker, labels);
            await NodeOperations.SetAnnotationsAsync(Client, worker, new Dictionary<string, string> { ["note"] = "maintenance" });
            await NodeOperations.SetTaintsAsync(Client, worker, [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]);

            var after = await NodeOperations.GetAsync(Client, worker);
            Assert.Equal("payments", after.Labels["dce.io/team"]);
            Assert.Equal("maintenance", Assert.Single(after.Annotations).Value);
            Assert.Equal("dedicated", Assert.Single(after.Taints).Key);
        }
        finally
        {
            await NodeOperations.SetLabelsAsync(Client, worker, before.Labels);
            await NodeOperations.SetAnnotationsAsync(Client, worker, before.Annotations);
            await NodeOperations.SetTaintsAsync(Client, worker, before.Taints);
        }
    }

    [Fact]
    public async Task Unreachable_cluster_is_described_as_503()
    {
        await fixture.Clusters.SetUnreachableAsync("c2", true);
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => NodeOperations.ListAsync(Client));

            var failure = KubernetesErrors.Describe(error, "c2");

            Assert.Equal(503, failure.StatusCode);
            Assert.StartsWith("cluster c2 is unreachable", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Clusters.SetUnreachableAsync("c2", false);
        }
    }
}
