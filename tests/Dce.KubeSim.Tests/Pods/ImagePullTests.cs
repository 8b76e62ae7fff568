using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class ImagePullTests(KubeSimServer server)
{
    [Fact]
    public async Task An_unknown_tag_backs_off_pulling_and_the_pod_stays_pending()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("pull");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "broken", image: "nginx:does-not-exist"));

        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "pod", "broken", "--no-headers")).Contains("ImagePullBackOff", StringComparison.Ordinal), "ImagePullBackOff in STATUS");

        var row = await kubectl.OkAsync("-n", ns, "get", "pod", "broken", "--no-headers");
        Assert.Contains("0/1", row, StringComparison.Ordinal);
        Assert.Equal("Pending", await kubectl.OkAsync("-n", ns, "get", "pod", "broken", "-o", "jsonpath={.status.phase}"));
        Assert.Equal("False", await kubectl.OkAsync("-n", ns, "get", "pod", "broken", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"));
        var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=broken");
        Assert.Contains("Failed to pull image \"nginx:does-not-exist\"", events, StringComparison.Ordinal);
        Assert.Contains("docker.io/library/nginx:does-not-exist: not found", events, StringComparison.Ordinal);
        Assert.Contains("Back-off pulling image \"nginx:does-not-exist\"", events, StringComparison.Ordinal);
        Assert.Contains("Error: ErrImagePull", events, StringComparison.Ordinal);
        var describe = await kubectl.OkAsync("-n", ns, "describe", "pod", "broken");
        Assert.Contains("Waiting", describe, StringComparison.Ordinal);
        var logs = await kubectl.RunAsync("-n", ns, "logs", "broken");
        Assert.NotEqual(0, logs.ExitCode);
        Assert.Contains("is waiting to start: trying and failing to pull image", logs.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_repository_fails_and_a_known_one_pulls_with_events()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("pull");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "unknown", image: "example.invalid/team/service:1.0"));
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "known", image: "docker.io/library/redis:8.6"));

        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "pod", "unknown", "--no-headers")).Contains("ImagePull", StringComparison.Ordinal),
            "the unknown image fails (ErrImagePull or ImagePullBackOff)");
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/known", "--timeout=60s");

        Assert.Equal("IfNotPresent", await kubectl.OkAsync("-n", ns, "get", "pod", "known", "-o", "jsonpath={.spec.containers[0].imagePullPolicy}"));
        var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=known");
        Assert.Contains("Pulling image \"docker.io/library/redis:8.6\"", events, StringComparison.Ordinal);
        Assert.Contains("Created container: app", events, StringComparison.Ordinal);
        Assert.Contains("Started container app", events, StringComparison.Ordinal);
    }
}
