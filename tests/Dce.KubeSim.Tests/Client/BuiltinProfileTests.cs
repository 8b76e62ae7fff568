using Dce.KubeSim.Clusters;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Client;

/// <summary>One built-in profile per platform overlay: the nodes, labels and default StorageClass that overlay expects.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class BuiltinProfileTests(KubeSimServer server)
{
    [Theory]
    [InlineData("aws", "gp3", "amd64", "")]
    [InlineData("azure", "managed-csi", "amd64", "")]
    [InlineData("gcp", "standard-rwo", "amd64", "")]
    [InlineData("openshift", "ocs-storagecluster-ceph-rbd", "amd64", "node-role.kubernetes.io/worker")]
    [InlineData("vmware", "vsphere-csi", "amd64", "")]
    [InlineData("onprem-arm64", "local-path", "arm64", "")]
    [InlineData("edge", "local-path", "arm64", "node-role.kubernetes.io/edge")]
    public async Task A_profile_brings_its_default_storage_class_architecture_and_worker_role(string profile, string defaultClass, string architecture, string workerRole)
    {
        await using var cluster = await ProfileCluster.AddAsync(server, profile, "profile");

        var classes = await cluster.Kubectl.OkAsync("get", "storageclass", "-o",
            "jsonpath={range .items[?(@.metadata.annotations.storageclass\\.kubernetes\\.io/is-default-class==\"true\")]}{.metadata.name}{end}");
        var architectures = await cluster.Kubectl.OkAsync("get", "nodes", "-o", "jsonpath={.items[*].status.nodeInfo.architecture}");
        var workers = await cluster.Kubectl.OkAsync("get", "nodes", "-l", "!node-role.kubernetes.io/control-plane", "-o", "jsonpath={.items[*].metadata.labels}");

        Assert.Equal(defaultClass, classes);
        Assert.All(architectures.Split(' '), a => Assert.Equal(architecture, a));
        if (workerRole.Length > 0)
        {
            var roles = await cluster.Kubectl.OkAsync("get", "nodes", "-l", "!node-role.kubernetes.io/control-plane", "--no-headers");
            Assert.Contains($"\"{workerRole}\":\"\"", workers, StringComparison.Ordinal);
            Assert.All(roles.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(workerRole.Split('/')[1], line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        }
    }

    [Fact]
    public void The_default_edge_cluster_labels_its_edge_nodes_without_tainting_them()
    {
        var edge = DefaultProfiles.Create().Single(p => p.Name == "edge-arm");
        var pool = edge.NodePools.Single(p => !p.ControlPlane);

        var node = NodeFactory.Create(edge, pool, 0, 0);

        Assert.Equal("", node.At("metadata.labels").Str("node-role.kubernetes.io/edge"));
        Assert.Null(node.At("spec.taints"));
    }
}
