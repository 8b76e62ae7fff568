using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Scheduling;

/// <summary>An unschedulable pod says, as kube-scheduler does, how many nodes refused it for which reason, and what preemption found.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class FailedSchedulingMessageTests(KubeSimServer server)
{
    [Fact]
    public async Task Counts_per_reason_are_sorted_and_followed_by_the_preemption_summary()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "aws", "sched");
        var ns = Manifests.UniqueNamespace("sched");
        await cluster.Kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{ns}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: big
              namespace: {{ns}}
            spec:
              nodeSelector:
                node.kubernetes.io/instance-type: m6i.2xlarge
              containers:
              - name: app
                image: nginx:1.27
                resources:
                  requests:
                    cpu: "20"
            """);

        var message = await UnschedulableMessage(cluster, ns, "big");
        var events = await cluster.Kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=FailedScheduling", "-o", "jsonpath={.items[0].message}");

        const string expected = "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. "
            + "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";
        Assert.Equal(expected, message);
        Assert.Equal(expected, events);
    }

    [Fact]
    public async Task Selector_and_taint_refusals_are_counted_separately()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "aws", "sched");
        var ns = Manifests.UniqueNamespace("sched");
        await cluster.Kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{ns}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: arm
              namespace: {{ns}}
            spec:
              nodeSelector:
                kubernetes.io/arch: arm64
              containers:
              - name: app
                image: nginx:1.27
            """);

        var message = await UnschedulableMessage(cluster, ns, "arm");

        Assert.Equal("0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.", message);
    }

    [Fact]
    public async Task A_pod_whose_claim_is_unbound_waits_with_the_volume_binding_message()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "aws", "sched");
        var ns = Manifests.UniqueNamespace("sched");
        await cluster.Kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{ns}}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: {{ns}}
            spec:
              storageClassName: missing
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db
              namespace: {{ns}}
            spec:
              containers:
              - name: db
                image: postgres:16
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """);

        var message = await UnschedulableMessage(cluster, ns, "db");

        Assert.Equal("0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. "
            + "preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.", message);
    }

    private static async Task<string> UnschedulableMessage(ProfileCluster cluster, string ns, string pod)
    {
        var message = "";
        await Eventually.Until(async () =>
        {
            message = await cluster.Kubectl.OkAsync("-n", ns, "get", "pod", pod, "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}|{.status.conditions[?(@.type==\"PodScheduled\")].message}");
            return message.StartsWith("Unschedulable|", StringComparison.Ordinal);
        }, "the pod is reported unschedulable");
        return message["Unschedulable|".Length..];
    }
}
