using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class ContainerLogTests(KubeSimServer server)
{
    [Fact]
    public async Task Logs_are_per_container_with_tail_and_since()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("logs");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "pair", sidecar: true));
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/pair", "--timeout=60s");

        var app = await kubectl.OkAsync("-n", ns, "logs", "pair", "-c", "app");
        var sidecar = await kubectl.OkAsync("-n", ns, "logs", "pair", "-c", "sidecar");
        var tail = await kubectl.OkAsync("-n", ns, "logs", "pair", "-c", "app", "--tail=1");
        var since = await kubectl.OkAsync("-n", ns, "logs", "pair", "-c", "app", "--since=1h");
        var none = await kubectl.RunAsync("-n", ns, "logs", "pair");
        var noPrevious = await kubectl.RunAsync("-n", ns, "logs", "pair", "-c", "app", "--previous");

        Assert.Contains("starting app", app, StringComparison.Ordinal);
        Assert.Contains("starting sidecar", sidecar, StringComparison.Ordinal);
        Assert.DoesNotContain("sidecar", app, StringComparison.Ordinal);
        Assert.Single(tail.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("starting app", since, StringComparison.Ordinal);
        Assert.Contains("Defaulted container \"app\" out of: app, sidecar", none.Error, StringComparison.Ordinal);
        Assert.Contains("previous terminated container \"app\" in pod \"pair\" not found", noPrevious.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_the_log_ends_when_the_container_crashes()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("follow");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "short", annotations: "kubesim.dce.io/crash-after: 5s", restartPolicy: "Never"));
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/short", "--timeout=60s");

        var followed = await kubectl.OkAsync("-n", ns, "logs", "-f", "short");

        Assert.Contains("starting app", followed, StringComparison.Ordinal);
        Assert.EndsWith("exiting with code 1\n", followed, StringComparison.Ordinal);
    }
}
