using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Storage;

/// <summary>Claims get volumes as a cluster with a CSI provisioner gives them: default class, binding modes, expansion, reclaim.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class VolumeProvisioningTests(KubeSimServer server)
{
    private static string Claim(string ns, string name, string? storageClass, string size = "1Gi") => $"""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          {(storageClass is null ? "" : $"storageClassName: {storageClass}")}
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: {size}
        """;

    private static string Namespace(string ns) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---

        """;

    [Fact]
    public async Task An_immediate_claim_gets_a_provisioned_volume_and_both_are_bound()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "openshift", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync(Namespace(ns) + Claim(ns, "data", storageClass: null));

        await WaitForPhase(cluster, ns, "data", "Bound");
        var claim = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o",
            "jsonpath={.spec.storageClassName}|{.spec.volumeName}|{.metadata.uid}|{.metadata.annotations.pv\\.kubernetes\\.io/bind-completed}|{.status.capacity.storage}");
        var parts = claim.Split('|');
        var volume = await cluster.Kubectl.OkAsync("get", "pv", parts[1], "-o",
            "jsonpath={.status.phase}|{.spec.claimRef.name}|{.spec.capacity.storage}|{.spec.persistentVolumeReclaimPolicy}|{.metadata.annotations.pv\\.kubernetes\\.io/provisioned-by}|{.spec.csi.driver}");
        var events = await cluster.Kubectl.OkAsync("-n", ns, "get", "events", "-o", "jsonpath={range .items[*]}{.reason}:{.message}{\"\\n\"}{end}");
        var table = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "--no-headers");
        var volumeTable = await cluster.Kubectl.OkAsync("get", "pv", parts[1], "--no-headers");

        Assert.Equal("ocs-storagecluster-ceph-rbd", parts[0]);
        Assert.Equal($"pvc-{parts[2]}", parts[1]);
        Assert.Equal("yes", parts[3]);
        Assert.Equal("1Gi", parts[4]);
        Assert.Equal("Bound|data|1Gi|Delete|openshift-storage.rbd.csi.ceph.com|openshift-storage.rbd.csi.ceph.com", volume);
        Assert.Contains($"ProvisioningSucceeded:Successfully provisioned volume {parts[1]}", events, StringComparison.Ordinal);
        Assert.Equal(["data", "Bound", parts[1], "1Gi", "RWO", "ocs-storagecluster-ceph-rbd", "<unset>"], table.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..7]);
        Assert.Equal([parts[1], "1Gi", "RWO", "Delete", "Bound", $"{ns}/data", "ocs-storagecluster-ceph-rbd", "<unset>"], volumeTable.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..8]);
    }

    [Fact]
    public async Task Expanding_a_bound_claim_grows_its_volume_and_a_shrink_is_refused()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "vmware", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync(Namespace(ns) + Claim(ns, "data", "vsphere-csi"));
        await WaitForPhase(cluster, ns, "data", "Bound");

        await cluster.Kubectl.OkAsync("-n", ns, "patch", "pvc", "data", "-p", """{"spec":{"resources":{"requests":{"storage":"5Gi"}}}}""");
        await Eventually.Until(async () =>
            await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.status.capacity.storage}") == "5Gi", "the claim reports 5Gi");
        var volumeName = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.spec.volumeName}");
        var volumeSize = await cluster.Kubectl.OkAsync("get", "pv", volumeName, "-o", "jsonpath={.spec.capacity.storage}");
        var conditions = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.status.conditions}");
        var events = await cluster.Kubectl.OkAsync("-n", ns, "get", "events", "-o", "jsonpath={range .items[*]}{.reason} {end}");
        var shrink = await cluster.Kubectl.RunAsync("-n", ns, "patch", "pvc", "data", "-p", """{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""");

        Assert.Equal("5Gi", volumeSize);
        Assert.Equal("", conditions);
        Assert.Contains("Resizing", events, StringComparison.Ordinal);
        Assert.Contains("FileSystemResizeSuccessful", events, StringComparison.Ordinal);
        Assert.NotEqual(0, shrink.ExitCode);
        Assert.Contains("""PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity""", shrink.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_without_expansion_refuses_a_resize()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "edge", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync(Namespace(ns) + Claim(ns, "data", "local-path") + """

            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
              namespace: NAMESPACE
            spec:
              containers:
              - name: app
                image: busybox:1.36
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """.Replace("NAMESPACE", ns, StringComparison.Ordinal));
        await WaitForPhase(cluster, ns, "data", "Bound");

        var resize = await cluster.Kubectl.RunAsync("-n", ns, "patch", "pvc", "data", "-p", """{"spec":{"resources":{"requests":{"storage":"5Gi"}}}}""");

        Assert.NotEqual(0, resize.ExitCode);
        Assert.Contains("""persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize""",
            resize.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_for_first_consumer_claim_binds_on_the_node_its_pod_is_scheduled_to()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "edge", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync(Namespace(ns) + Claim(ns, "data", storageClass: null));
        await Eventually.Until(async () =>
            (await cluster.Kubectl.OkAsync("-n", ns, "get", "events", "-o", "jsonpath={.items[*].reason}")).Contains("WaitForFirstConsumer", StringComparison.Ordinal),
            "the claim waits for its first consumer");
        var pending = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.status.phase}|{.spec.storageClassName}");

        await cluster.Kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
              namespace: {ns}
            spec:
              containers:
              - name: app
                image: busybox:1.36
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """);
        await WaitForPhase(cluster, ns, "data", "Bound");
        await cluster.Kubectl.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/app", "--timeout=90s");
        var selected = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.metadata.annotations.volume\\.kubernetes\\.io/selected-node}|{.spec.volumeName}");
        var node = await cluster.Kubectl.OkAsync("-n", ns, "get", "pod", "app", "-o", "jsonpath={.spec.nodeName}");
        var affinity = await cluster.Kubectl.OkAsync("get", "pv", selected.Split('|')[1], "-o",
            "jsonpath={.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}|{.spec.hostPath.path}");

        Assert.Equal("Pending|local-path", pending);
        Assert.Equal(node, selected.Split('|')[0]);
        Assert.Equal(node, affinity.Split('|')[0]);
        Assert.StartsWith("/opt/local-path-provisioner/pvc-", affinity.Split('|')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_class_leaves_the_claim_pending_with_a_provisioning_failure()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "aws", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync(Namespace(ns) + Claim(ns, "data", "fast-nvme"));

        var message = "";
        await Eventually.Until(async () =>
        {
            message = await cluster.Kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=ProvisioningFailed", "-o", "jsonpath={.items[*].message}");
            return message.Length > 0;
        }, "a ProvisioningFailed event");
        var phase = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "data", "-o", "jsonpath={.status.phase}");

        Assert.Equal("""storageclass.storage.k8s.io "fast-nvme" not found""", message);
        Assert.Equal("Pending", phase);
    }

    [Fact]
    public async Task Static_volumes_bind_and_reclaim_policies_delete_or_release_them()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "vmware", "pvc");
        var ns = Manifests.UniqueNamespace("pvc");
        await cluster.Kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: {ns}-kept
            spec:
              storageClassName: manual
              capacity:
                storage: 10Gi
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              hostPath:
                path: /data/{ns}
            ---

            """ + Namespace(ns) + Claim(ns, "manual", "manual", "2Gi") + "\n---\n" + Claim(ns, "dynamic", "vsphere-csi"));
        await WaitForPhase(cluster, ns, "manual", "Bound");
        await WaitForPhase(cluster, ns, "dynamic", "Bound");
        var manualVolume = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "manual", "-o", "jsonpath={.spec.volumeName}|{.status.capacity.storage}");
        var dynamicVolume = await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", "dynamic", "-o", "jsonpath={.spec.volumeName}");

        await cluster.Kubectl.OkAsync("-n", ns, "delete", "pvc", "manual", "dynamic");
        await Eventually.Until(async () =>
            await cluster.Kubectl.OkAsync("get", "pv", $"{ns}-kept", "-o", "jsonpath={.status.phase}") == "Released", "the retained volume is Released");
        await Eventually.Until(async () =>
            (await cluster.Kubectl.RunAsync("get", "pv", dynamicVolume)).ExitCode != 0, "the deleted claim's volume is gone");

        Assert.Equal($"{ns}-kept|10Gi", manualVolume);
    }

    private static Task WaitForPhase(ProfileCluster cluster, string ns, string claim, string phase) =>
        Eventually.Until(async () =>
            await cluster.Kubectl.OkAsync("-n", ns, "get", "pvc", claim, "-o", "jsonpath={.status.phase}") == phase, $"claim {claim} is {phase}");
}
