using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

/// <summary>kubectl's imperative commands send protobuf bodies; the simulator must accept them like an API server.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class CreateCommandTests(KubeSimServer server)
{
    [Fact]
    public async Task Imperative_create_and_run_commands_create_working_objects()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("create");

        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.OkAsync("-n", ns, "create", "configmap", "settings", "--from-literal=mode=fast");
        await kubectl.OkAsync("-n", ns, "create", "secret", "generic", "credentials", "--from-literal=password=s3cret");
        await kubectl.OkAsync("-n", ns, "create", "deployment", "api", "--image=nginx:1.27", "--port=80", "--replicas=2");
        await kubectl.OkAsync("-n", ns, "run", "one-off", "--image=busybox", "--labels=role=tool", "--", "sleep", "60");
        await kubectl.OkAsync("-n", ns, "expose", "deployment", "api", "--port=8080", "--target-port=80");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/api", "--timeout=90s");

        Assert.Equal("fast", await kubectl.OkAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}"));
        Assert.Equal("czNjcmV0", await kubectl.OkAsync("-n", ns, "get", "secret", "credentials", "-o", "jsonpath={.data.password}"));
        Assert.Equal("[\"sleep\",\"60\"]", await kubectl.OkAsync("-n", ns, "get", "pod", "one-off", "-o", "jsonpath={.spec.containers[0].args}"));
        Assert.Equal("8080 80", await kubectl.OkAsync("-n", ns, "get", "service", "api", "-o", "jsonpath={.spec.ports[0].port} {.spec.ports[0].targetPort}"));
        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "pod", "one-off", "-o", "jsonpath={.status.phase}")) == "Running", "the pod started by kubectl run is Running");
    }
}
