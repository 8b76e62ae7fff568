using Dce.KubeSim.Tests.Infrastructure;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Termination;

[Collection(KubeSimCollection.Name)]
public sealed class GracefulTerminationTests(KubeSimServer server)
{
    private async Task<string> RunningApp(string prefix, int replicas, int preStopSeconds)
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace(prefix);
        await kubectl.OkAsync("apply", "--validate=strict", "-f", await WriteAsync(DrainingApp.Manifest(ns, replicas, preStopSeconds)));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        return ns;
    }

    private static async Task<string> WriteAsync(string manifest)
    {
        var path = Path.Combine(Path.GetTempPath(), $"draining-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, manifest);
        return path;
    }

    [Fact]
    public async Task A_deleted_pod_with_a_preStop_sleep_stays_Terminating_out_of_the_endpoints_then_is_gone()
    {
        var client = server.Client();
        var ns = await RunningApp("terminate", replicas: 2, preStopSeconds: 2);
        var pods = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items;
        var victim = pods[0];

        await server.Kubectl().OkAsync("-n", ns, "delete", "pod", victim.Name(), "--wait=false");

        var terminating = await client.CoreV1.ReadNamespacedPodAsync(victim.Name(), ns);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(60, terminating.Metadata.DeletionGracePeriodSeconds);
        await Eventually.Until(async () =>
        {
            // Under load the endpoints controller may not have written the Service's Endpoints yet.
            var endpoints = (await client.CoreV1.ListNamespacedEndpointsAsync(ns, fieldSelector: "metadata.name=web")).Items.SingleOrDefault();
            var slice = (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: "kubernetes.io/service-name=web")).Items.SingleOrDefault();
            if (endpoints is null || slice is null)
            {
                return false;
            }

            var listed = endpoints.Subsets?.SelectMany(s => s.Addresses ?? []).Select(a => a.TargetRef.Name).ToList() ?? [];
            var entry = slice.Endpoints?.FirstOrDefault(e => e.TargetRef?.Name == victim.Name());
            return !listed.Contains(victim.Name()) && entry is { Conditions: { Ready: false, Serving: true, Terminating: true } };
        }, "the terminating pod out of Endpoints and serving-but-not-ready in the EndpointSlice");
        Assert.NotNull((await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={victim.Name()}")).Items.SingleOrDefault());

        await Eventually.Until(async () => (await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={victim.Name()}")).Items.Count == 0,
            "the pod gone after its preStop sleep");
        await Eventually.Until(async () => (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: "kubernetes.io/service-name=web"))
            .Items.Single().Endpoints?.All(e => e.TargetRef?.Name != victim.Name()) != false, "the pod out of the EndpointSlice");
    }

    [Fact]
    public async Task A_forced_delete_with_no_grace_removes_the_pod_at_once()
    {
        var client = server.Client();
        var ns = await RunningApp("force", replicas: 1, preStopSeconds: 30);
        var victim = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Single();

        await server.Kubectl().OkAsync("-n", ns, "delete", "pod", victim.Name(), "--grace-period=0", "--force");

        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={victim.Name()}")).Items);
    }

    [Theory]
    [InlineData(4, "1", "0")]
    [InlineData(4, "1", "1")]
    [InlineData(4, "0", "2")]
    [InlineData(3, "50%", "25%")]
    public async Task A_rolling_update_keeps_pods_within_maxSurge_and_maxUnavailable_the_whole_time(int replicas, string maxSurge, string maxUnavailable)
    {
        var client = server.Client();
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("bounds");
        await kubectl.OkAsync("apply", "-f", await WriteAsync(DrainingApp.Manifest(ns, replicas, preStopSeconds: 1, maxSurge, maxUnavailable)));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var surge = Bound(maxSurge, replicas, roundUp: true);
        var unavailable = Bound(maxUnavailable, replicas, roundUp: false);
        using var watch = await PodWatch.StartAsync(client, ns, new Dictionary<string, (int, int)> { ["web"] = (replicas - unavailable, replicas + surge) }, "app");

        await kubectl.OkAsync("-n", ns, "set", "image", "deployment/web", "web=nginx:1.28");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        await Eventually.Until(() => watch.Current.Count(p => !p.Terminating) == replicas && watch.Current.All(p => p.Image == "nginx:1.28"), "the old pods gone");

        Assert.True(watch.Breaches.Count == 0, string.Join('\n', watch.Breaches.Take(20)));
    }

    private static int Bound(string value, int replicas, bool roundUp) => value.EndsWith('%')
        ? (int)(roundUp ? Math.Ceiling(replicas * int.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture) / 100.0)
            : Math.Floor(replicas * int.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture) / 100.0))
        : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
