using System.Text.RegularExpressions;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed partial class ResourceQuotaTests(KubeSimServer server)
{
    private static string QuotaAndBlocker(string ns) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata:
          name: compute
          namespace: {ns}
        spec:
          hard:
            requests.cpu: 200m
            pods: "10"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: blocker
          namespace: {ns}
        spec:
          containers:
          - name: blocker
            image: busybox:1.36
            resources:
              requests:
                cpu: 50m
        """;

    [Fact]
    public async Task A_deployment_over_quota_gets_the_pods_that_fit_and_reports_the_refusal_until_quota_frees()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("quota-deploy");
        await kubectl.ApplyAsync(QuotaAndBlocker(ns));
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 4));

        await Eventually.Until(async () => (await ReplicaFailure(kubectl, ns)).Length > 0, "a ReplicaFailure condition on the deployment");
        var failure = await ReplicaFailure(kubectl, ns);
        var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=FailedCreate,involvedObject.kind=ReplicaSet", "-o", "jsonpath={.items[*].message}");
        var webPods = await WebPods(kubectl, ns);
        await Eventually.Until(async () => UsedAndHard().IsMatch(await kubectl.OkAsync("-n", ns, "describe", "quota", "compute")), "describe quota shows 200m of 200m used");

        Assert.Equal(3, webPods);
        Assert.Matches("^True FailedCreate pods \"web-[a-z0-9]+-[a-z0-9]{5}\" is forbidden: exceeded quota: compute, requested: requests.cpu=50m, used: requests.cpu=200m, limited: requests.cpu=200m$", failure);
        Assert.Matches("Error creating: pods \"web-[a-z0-9]+-[a-z0-9]{5}\" is forbidden: exceeded quota: compute", events);

        await kubectl.OkAsync("-n", ns, "delete", "pod", "blocker", "--wait=false");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        Assert.Equal(4, await WebPods(kubectl, ns));
        await Eventually.Until(async () => (await ReplicaFailure(kubectl, ns)).Length == 0, "the ReplicaFailure condition cleared");
    }

    [Fact]
    public async Task Kubectl_run_without_requests_under_a_cpu_quota_is_refused()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("quota-run");
        await kubectl.ApplyAsync(QuotaAndBlocker(ns));

        var refused = await kubectl.RunAsync("-n", ns, "run", "bare", "--image=nginx:1.27");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods \"bare\" is forbidden: failed quota: compute: must specify requests.cpu for: bare", refused.Error, StringComparison.Ordinal);
    }

    private static async Task<string> ReplicaFailure(Dce.Testing.Kubectl kubectl, string ns) =>
        (await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o",
            "jsonpath={.status.conditions[?(@.type==\"ReplicaFailure\")].status} {.status.conditions[?(@.type==\"ReplicaFailure\")].reason} {.status.conditions[?(@.type==\"ReplicaFailure\")].message}")).Trim();

    private static async Task<int> WebPods(Dce.Testing.Kubectl kubectl, string ns) =>
        (await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=web", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"requests\.cpu\s+200m\s+200m")]
    private static partial Regex UsedAndHard();
}
