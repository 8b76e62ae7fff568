using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Client;

[Collection(ControlPlaneCollection.Name)]
public sealed class ApiServerOnlyTests(ControlPlaneServer server)
{
    [Fact]
    public async Task An_api_server_only_cluster_has_no_nodes_and_no_system_pods_though_node_pools_are_configured()
    {
        var kubectl = server.Kubectl(ControlPlaneServer.ControlPlane);

        Assert.Empty((await kubectl.OkAsync("get", "nodes", "-o", "name")).Trim());
        Assert.Empty((await kubectl.OkAsync("get", "pods", "-A", "-o", "name")).Trim());
        Assert.NotEmpty((await server.Kubectl(ControlPlaneServer.Member).OkAsync("get", "nodes", "-o", "name")).Trim());
    }

    [Fact]
    public async Task A_deployment_stays_as_written_while_the_same_deployment_in_a_member_cluster_becomes_available()
    {
        var ns = Manifests.UniqueNamespace("template");
        var controlPlane = server.Kubectl(ControlPlaneServer.ControlPlane);
        var member = server.Kubectl(ControlPlaneServer.Member);
        await controlPlane.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await member.ApplyAsync(Manifests.WebApp(ns, replicas: 2));

        await member.OkAsync("-n", ns, "wait", "--for=condition=available", "deployment/web", "--timeout=90s");

        Assert.Empty((await controlPlane.OkAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.status}")).Trim());
        Assert.Empty((await controlPlane.OkAsync("-n", ns, "get", "replicasets,pods,endpoints", "-o", "name")).Trim());
        Assert.Equal("2", await controlPlane.OkAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"));
    }
}
