using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Pods;

[Collection(KubeSimCollection.Name)]
public sealed class CrashLoopTests(KubeSimServer server)
{
    [Fact]
    public async Task A_crashing_container_restarts_with_back_off_into_CrashLoopBackOff()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("crash");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "crasher", annotations: "kubesim.dce.io/crash-after: 300ms"));

        await Eventually.Until(async () =>
        {
            var columns = (await kubectl.OkAsync("-n", ns, "get", "pod", "crasher", "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return columns[2] == "CrashLoopBackOff" && int.Parse(columns[3], System.Globalization.CultureInfo.InvariantCulture) >= 2;
        }, "CrashLoopBackOff with two restarts or more");

        Assert.Equal("Running", await kubectl.OkAsync("-n", ns, "get", "pod", "crasher", "-o", "jsonpath={.status.phase}"));
        Assert.Equal("Error", await kubectl.OkAsync("-n", ns, "get", "pod", "crasher", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.reason}"));
        Assert.Equal("1", await kubectl.OkAsync("-n", ns, "get", "pod", "crasher", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}"));
        var previous = await kubectl.OkAsync("-n", ns, "logs", "crasher", "--previous");
        Assert.Contains("starting app", previous, StringComparison.Ordinal);
        Assert.EndsWith("exiting with code 1\n", previous, StringComparison.Ordinal);
        var describe = await kubectl.OkAsync("-n", ns, "describe", "pod", "crasher");
        Assert.Contains("Last State:     Terminated", describe, StringComparison.Ordinal);
        Assert.Contains("Back-off restarting failed container app in pod crasher", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_over_its_memory_is_OOMKilled_with_exit_code_137()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("oom");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "hungry", annotations: "kubesim.dce.io/oom-after: 300ms"));

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "hungry", "-o", "jsonpath={..lastState.terminated.reason}") == "OOMKilled", "the container OOMKilled");

        Assert.Equal("137", await kubectl.OkAsync("-n", ns, "get", "pod", "hungry", "-o", "jsonpath={..lastState.terminated.exitCode}"));
    }

    [Fact]
    public async Task A_running_container_whose_load_passes_its_memory_limit_is_OOMKilled()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("oomload");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "steady", container: "resources:\n  limits:\n    memory: 64Mi"));
        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "steady", "-o", "jsonpath={.status.containerStatuses[0].ready}") == "true", "the pod Ready");

        using (var admin = server.Http(KubeSimServer.AdminToken))
        {
            var response = await admin.PutAsJsonAsync($"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/load", new { memory = "128Mi" });
            response.EnsureSuccessStatusCode();
        }

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "steady", "-o", "jsonpath={..lastState.terminated.reason}") == "OOMKilled", "the container OOMKilled");
    }

    [Fact]
    public async Task Under_restartPolicy_Never_a_crash_fails_the_pod_and_an_exit_code_zero_completes_it()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("never");
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "fails", annotations: "kubesim.dce.io/crash-after: 200ms", restartPolicy: "Never"));
        await kubectl.ApplyAsync(PodManifests.Pod(ns, "finishes", annotations: "kubesim.dce.io/exit-code: \"0\"", restartPolicy: "Never"));

        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "fails", "-o", "jsonpath={.status.phase}") == "Failed", "the pod Failed");
        await Eventually.Until(async () => await kubectl.OkAsync("-n", ns, "get", "pod", "finishes", "-o", "jsonpath={.status.phase}") == "Succeeded", "the pod Succeeded");

        Assert.Contains(" Error ", await kubectl.OkAsync("-n", ns, "get", "pod", "fails", "--no-headers"), StringComparison.Ordinal);
        Assert.Contains(" Completed ", await kubectl.OkAsync("-n", ns, "get", "pod", "finishes", "--no-headers"), StringComparison.Ordinal);
        Assert.Equal("0", await kubectl.OkAsync("-n", ns, "get", "pod", "fails", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"));
    }

    [Fact]
    public async Task A_job_whose_pods_exit_non_zero_fails_past_its_backoff_limit()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("jobfail");
        await kubectl.ApplyAsync($"""
            {PodManifests.Namespace(ns)}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              namespace: {ns}
            spec:
              backoffLimit: 1
              template:
                metadata:
                  annotations:
                    kubesim.dce.io/exit-code: "3"
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: busybox:1.36
            """);

        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Failed", "job/migrate", "--timeout=60s");

        Assert.Equal("BackoffLimitExceeded", await kubectl.OkAsync("-n", ns, "get", "job", "migrate", "-o", "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}"));
        Assert.Equal("2", await kubectl.OkAsync("-n", ns, "get", "job", "migrate", "-o", "jsonpath={.status.failed}"));
        var exitCodes = await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "job-name=migrate", "-o", "jsonpath={.items[*].status.containerStatuses[0].state.terminated.exitCode}");
        Assert.Equal(["3", "3"], exitCodes.Split(' '));
    }
}
