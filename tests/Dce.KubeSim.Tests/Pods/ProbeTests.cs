using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class ProbeTests(KubeSimServer server)
{
    [Fact]
    public async Task A_failing_readiness_probe_keeps_the_pod_running_but_not_ready()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("readiness");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "unready", annotations: "kubesim.dce.io/readiness: fail", container: """
            readinessProbe:
              httpGet:
                path: /ready
                port: 8080
              periodSeconds: 5
            """));

        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=unready"))
            .Contains("Readiness probe failed: HTTP probe failed with statuscode: 503", StringComparison.Ordinal), "the Unhealthy event");

        var columns = (await kubectl.OkAsync("-n", ns, "get", "pod", "unready", "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("0/1", columns[1]);
        Assert.Equal("Running", columns[2]);
        Assert.Equal("0", columns[3]);
    }

    [Fact]
    public async Task A_failing_liveness_probe_kills_and_restarts_the_container()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("liveness");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "stuck", annotations: "kubesim.dce.io/liveness: fail", container: """
            livenessProbe:
              tcpSocket:
                port: 8080
              periodSeconds: 2
              failureThreshold: 2
            """));

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "stuck", "-o", "jsonpath={.status.containerStatuses[0].restartCount}") is not ("" or "0"), "a restart");

        var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=stuck");
        Assert.Contains("Liveness probe failed: dial tcp", events, StringComparison.Ordinal);
        Assert.Contains("Container app failed liveness probe, will be restarted", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_set_through_the_admin_api_crash_a_running_pod_until_cleared()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("fault");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "steady"));
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/steady", "--timeout=60s");
        using var admin = server.Http(KubeSimServer.AdminToken);
        var path = $"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/pods/steady/fault";

        (await admin.PutAsJsonAsync(path, new { crash = true })).EnsureSuccessStatusCode();
        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "steady", "-o", "jsonpath={.status.containerStatuses[0].restartCount}") is not ("" or "0"), "a restart");
        (await admin.DeleteAsync(path)).EnsureSuccessStatusCode();

        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/steady", "--timeout=60s");
    }
}
