using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class NodeFollowingTests(KubeSimServer server)
{
    private static string Deployment(string ns, string tolerations = "") => $"""
        {PodManifests.Namespace(ns)}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              nodeSelector:
                kubernetes.io/arch: amd64
              {tolerations}
              containers:
              - name: web
                image: nginx:1.27
        """;

    [Fact]
    public async Task New_pods_tolerate_a_failed_node_for_300_seconds()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("tolerate");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "plain"));

        var tolerations = await kubectl.OkAsync("-n", ns, "get", "pod", "plain", "-o",
            "jsonpath={range .spec.tolerations[*]}{.key}={.effect}/{.tolerationSeconds};{end}");

        Assert.Equal("node.kubernetes.io/not-ready=NoExecute/300;node.kubernetes.io/unreachable=NoExecute/300;", tolerations);
    }

    [Fact]
    public async Task Pods_of_a_failed_node_turn_not_ready_at_once_then_are_evicted_and_replaced_elsewhere()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("evict");
        await kubectl.ApplyAsync(Deployment(ns, """
            tolerations:
                          - key: node.kubernetes.io/unreachable
                            operator: Exists
                            effect: NoExecute
                            tolerationSeconds: 3
            """));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var pod = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        var node = await kubectl.OkAsync("-n", ns, "get", "pod", pod, "-o", "jsonpath={.spec.nodeName}");
        using var admin = server.Http(KubeSimServer.AdminToken);
        var path = $"/sim/clusters/{KubeSimServer.Cluster}/nodes/{node}/ready";

        (await admin.PutAsJsonAsync(path, new { enabled = false })).EnsureSuccessStatusCode();
        try
        {
            await Eventually.Until(async () =>
            {
                var ready = await kubectl.RunAsync("-n", ns, "get", "pod", pod, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
                return ready.Output == "False" || ready.Error.Contains("NotFound", StringComparison.Ordinal);
            }, "the pod not Ready");
            var taints = await kubectl.OkAsync("get", "node", node, "-o", "jsonpath={.spec.taints[*].key}");
            Assert.Contains("node.kubernetes.io/unreachable", taints, StringComparison.Ordinal);

            await Eventually.Until(async () => (await kubectl.RunAsync("-n", ns, "get", "pod", pod)).ExitCode != 0, "the pod evicted");
            await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
            var nodes = await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}");
            Assert.DoesNotContain(node, nodes.Split(' '));
            var events = await kubectl.OkAsync("-n", ns, "get", "events");
            Assert.Contains($"Marking for deletion Pod {ns}/{pod}", events, StringComparison.Ordinal);
            Assert.Contains("TaintManagerEviction", events, StringComparison.Ordinal);
        }
        finally
        {
            (await admin.PutAsJsonAsync(path, new { enabled = true })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Pods_of_a_node_that_comes_back_before_their_toleration_ends_turn_ready_again()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("comeback");
        await kubectl.ApplyAsync(Deployment(ns));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var pod = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        var node = await kubectl.OkAsync("-n", ns, "get", "pod", pod, "-o", "jsonpath={.spec.nodeName}");
        using var admin = server.Http(KubeSimServer.AdminToken);
        var path = $"/sim/clusters/{KubeSimServer.Cluster}/nodes/{node}/ready";
        var readyPath = "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}";

        (await admin.PutAsJsonAsync(path, new { enabled = false })).EnsureSuccessStatusCode();
        try
        {
            await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", pod, "-o", readyPath) == "False", "the pod not Ready");
            var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", $"involvedObject.name={pod}");
            Assert.Contains("Node is not ready", events, StringComparison.Ordinal);
        }
        finally
        {
            (await admin.PutAsJsonAsync(path, new { enabled = true })).EnsureSuccessStatusCode();
        }

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", pod, "-o", readyPath) == "True", "the pod Ready again");
    }
}
