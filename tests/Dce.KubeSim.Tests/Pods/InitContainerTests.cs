using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class InitContainerTests(KubeSimServer server)
{
    private static string Pod(string ns, string name, string initImage) => $"""
        {PodManifests.Namespace(ns)}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          initContainers:
          - name: wait
            image: {initImage}
          containers:
          - name: app
            image: nginx:1.27
        """;

    [Fact]
    public async Task Containers_start_once_the_init_containers_completed()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("init");
        await kubectl.ApplyAsync(Pod(ns, "staged", "registry.k8s.io/kubectl:v1.32.0"));

        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/staged", "--timeout=60s");

        Assert.Equal("Completed", await kubectl.OkAsync("-n", ns, "get", "pod", "staged", "-o", "jsonpath={.status.initContainerStatuses[0].state.terminated.reason}"));
        Assert.Contains(" Running ", await kubectl.OkAsync("-n", ns, "get", "pod", "staged", "--no-headers"), StringComparison.Ordinal);
        Assert.Contains("work done, exiting with code 0", await kubectl.OkAsync("-n", ns, "logs", "staged", "-c", "wait"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_init_container_whose_image_does_not_pull_holds_the_pod_initializing()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("init");
        await kubectl.ApplyAsync(Pod(ns, "blocked", "busybox:does-not-exist"));

        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "pod", "blocked", "--no-headers")).Contains("Init:ImagePullBackOff", StringComparison.Ordinal), "Init:ImagePullBackOff in STATUS");

        Assert.Equal("ContainersNotInitialized", await kubectl.OkAsync("-n", ns, "get", "pod", "blocked", "-o", "jsonpath={.status.conditions[?(@.type==\"Initialized\")].reason}"));
        Assert.Equal("PodInitializing", await kubectl.OkAsync("-n", ns, "get", "pod", "blocked", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}"));
        Assert.Equal("Pending", await kubectl.OkAsync("-n", ns, "get", "pod", "blocked", "-o", "jsonpath={.status.phase}"));
    }
}
