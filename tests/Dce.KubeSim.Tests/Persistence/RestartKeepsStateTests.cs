using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Persistence;

/// <summary>KubeSim stopped and started on the same state folder serves its clusters as they were.</summary>
public sealed class RestartKeepsStateTests
{
    private const string Cluster = PersistentKubeSim.Cluster;

    private const string Definition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.persist.dce.io
        spec:
          group: persist.dce.io
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private const string Identities =
        "jsonpath={range .items[*]}{.kind}/{.metadata.name} {.metadata.uid} {.metadata.resourceVersion} {.metadata.generation} {.metadata.creationTimestamp}{\"\\n\"}{end}";

    [Fact]
    public async Task Objects_keep_uid_resource_version_and_generation_and_the_next_write_counts_up()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        var kubectl = new Dce.Testing.Kubectl(sim.Clusters.KubeconfigPath(Cluster));
        var ns = Manifests.UniqueNamespace("persist");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await kubectl.ApplyAsync(Definition);
        await Eventually.Until(async () => (await kubectl.RunAsync("get", "gadgets")).ExitCode == 0, "the custom resource being served");
        await kubectl.ApplyAsync($"apiVersion: persist.dce.io/v1\nkind: Gadget\nmetadata:\n  name: knob\n  namespace: {ns}\nspec:\n  turns: 3\n");
        await WaitAvailable(sim, ns, 2);
        var before = await IdentitiesOf(kubectl, ns);
        var highestBefore = sim.Clusters.State(Cluster).Store.ResourceVersion;

        await sim.Clusters.RestartAsync();

        var after = await IdentitiesOf(kubectl, ns);
        Assert.Equal(before, after);
        Assert.Contains("Gadget/knob", after, StringComparison.Ordinal);
        Assert.Equal(2, after.Split('\n').Count(l => l.StartsWith("Pod/", StringComparison.Ordinal)));
        var patched = await kubectl.OkAsync("-n", ns, "patch", "configmap", "web-config", "--type=merge", "-p", "{\"data\":{\"mode\":\"staging\"}}", "-o", "jsonpath={.metadata.resourceVersion}");
        Assert.True(long.Parse(patched, System.Globalization.CultureInfo.InvariantCulture) > highestBefore, $"{patched} after {highestBefore}");
    }

    [Fact]
    public async Task Controllers_carry_on_from_the_restored_state_without_recreating_replica_sets_or_pods()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        var ns = Manifests.UniqueNamespace("carry-on");
        await new Dce.Testing.Kubectl(sim.Clusters.KubeconfigPath(Cluster)).ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await WaitAvailable(sim, ns, 2);
        IList<V1Pod> podsBefore;
        IList<V1ReplicaSet> setsBefore;
        using (var client = sim.Clusters.Client(Cluster))
        {
            podsBefore = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items;
            setsBefore = (await client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        }

        await sim.Clusters.RestartAsync();
        using var restarted = sim.Clusters.Client(Cluster);
        await restarted.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":3}}", V1Patch.PatchType.MergePatch), "web", ns);
        await WaitAvailable(sim, ns, 3);

        var pods = (await restarted.CoreV1.ListNamespacedPodAsync(ns)).Items;
        var sets = (await restarted.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        Assert.Equal(setsBefore.Select(s => s.Metadata.Uid), sets.Select(s => s.Metadata.Uid));
        Assert.Equal(3, pods.Count);
        Assert.All(podsBefore, p => Assert.Contains(pods, q => q.Metadata.Uid == p.Metadata.Uid && q.Metadata.ResourceVersion == p.Metadata.ResourceVersion));
        Assert.All(pods, p => Assert.Equal("Running", p.Status.Phase));
    }

    [Fact]
    public async Task A_kubeconfig_from_before_the_restart_still_works_with_its_token_and_certificate_authority()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        var kept = Path.Combine(sim.StateDirectory, "..", $"kept-{Guid.NewGuid():N}.kubeconfig");
        File.Copy(sim.Clusters.KubeconfigPath(Cluster), kept);
        try
        {
            await sim.Clusters.RestartAsync();

            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kept));
            var nodes = await client.CoreV1.ListNodeAsync();
            Assert.Equal(3, nodes.Items.Count);
            Assert.Equal(File.ReadAllText(kept), sim.Clusters.Kubeconfig(Cluster));
        }
        finally
        {
            File.Delete(kept);
        }
    }

    [Fact]
    public async Task A_watch_resumes_from_its_last_resource_version_and_gets_exactly_the_later_changes()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        var ns = Manifests.UniqueNamespace("resume");
        long seenFirst;
        long seenLast;
        using (var client = sim.Clusters.Client(Cluster))
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            var start = (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
            var events = new WatchedEvents();
            using var watcher = client.CoreV1.WatchListNamespacedConfigMap(ns, resourceVersion: start, onEvent: events.Add, onError: events.Fail);
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "first" } }, ns);
            await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"1\"}}", V1Patch.PatchType.MergePatch), "first", ns);
            var seen = await events.WaitForAsync(2);
            seenFirst = seen[0].Version;
            seenLast = seen[1].Version;
        }

        await sim.Clusters.RestartAsync();
        using var restarted = sim.Clusters.Client(Cluster);
        var second = await restarted.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "second" } }, ns);
        var fromLast = new WatchedEvents();
        var fromFirst = new WatchedEvents();
        using var resumed = restarted.CoreV1.WatchListNamespacedConfigMap(ns, resourceVersion: seenLast.ToString(System.Globalization.CultureInfo.InvariantCulture), onEvent: fromLast.Add, onError: fromLast.Fail);
        using var older = restarted.CoreV1.WatchListNamespacedConfigMap(ns, resourceVersion: seenFirst.ToString(System.Globalization.CultureInfo.InvariantCulture), onEvent: fromFirst.Add, onError: fromFirst.Fail);

        var secondVersion = long.Parse(second.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([(WatchEventType.Added, "second", secondVersion)], await fromLast.WaitForAsync(1));
        Assert.Equal([(WatchEventType.Modified, "first", seenLast), (WatchEventType.Added, "second", secondVersion)], await fromFirst.WaitForAsync(2));
        Assert.True(secondVersion > seenLast);
        var kubectl = new Dce.Testing.Kubectl(sim.Clusters.KubeconfigPath(Cluster));
        var raw = await kubectl.OkAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1&resourceVersion={seenLast}");
        var lines = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal([("ADDED", "second")], lines.Select(l => (l["type"]!.GetValue<string>(), l["object"]!["metadata"]!["name"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_cluster_added_at_runtime_comes_back_and_a_removed_one_stays_removed()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        await sim.Clusters.AddClusterAsync(new { name = "added", provider = "gcp", region = "europe-west1", nodePools = new[] { new { name = "pool", count = 1 } } });
        await Eventually.Until(() => File.Exists(sim.Clusters.KubeconfigPath("added")), "the added cluster's kubeconfig");
        var kept = Path.Combine(sim.StateDirectory, "..", $"added-{Guid.NewGuid():N}.kubeconfig");
        File.Copy(sim.Clusters.KubeconfigPath("added"), kept);
        try
        {
            V1ConfigMap created;
            using (var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kept)))
            {
                created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "note" } }, "default");
            }
            await sim.Clusters.RemoveClusterAsync(Cluster);

            await sim.Clusters.RestartAsync();

            using var restarted = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kept));
            var note = await restarted.CoreV1.ReadNamespacedConfigMapAsync("note", "default");
            Assert.Equal(created.Metadata.Uid, note.Metadata.Uid);
            Assert.Single((await restarted.CoreV1.ListNodeAsync()).Items);
            Assert.Null(sim.Clusters.Registry.Find(Cluster));
            Assert.Equal(["added"], sim.Clusters.Registry.All.Select(c => c.Name));
        }
        finally
        {
            File.Delete(kept);
        }
    }

    [Fact]
    public async Task Without_a_state_folder_a_restart_starts_afresh()
    {
        await using var sim = await PersistentKubeSim.StartAsync(new Dictionary<string, string?> { ["KubeSim:StateDirectory"] = "" });
        var ns = Manifests.UniqueNamespace("fresh");
        var kubectl = new Dce.Testing.Kubectl(sim.Clusters.KubeconfigPath(Cluster));
        await kubectl.OkAsync("create", "namespace", ns);

        await sim.Clusters.RestartAsync();

        var result = await kubectl.RunAsync("get", "namespace", ns);
        Assert.NotEqual(0, result.ExitCode);
    }

    private static async Task<string> IdentitiesOf(Dce.Testing.Kubectl kubectl, string ns) =>
        await kubectl.OkAsync("get", "namespace/" + ns, "crd/gadgets.persist.dce.io", "-o", Identities) + "\n"
        + await kubectl.OkAsync("-n", ns, "get", "configmaps,deployments,replicasets,pods,gadgets", "-o", Identities);

    private static async Task WaitAvailable(PersistentKubeSim sim, string ns, int replicas)
    {
        using var client = sim.Clusters.Client(Cluster);
        await Eventually.Until(async () =>
        {
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
            return deployment.Status?.AvailableReplicas == replicas && deployment.Status.UpdatedReplicas == replicas
                && deployment.Status.Replicas == replicas && deployment.Status.ObservedGeneration == deployment.Metadata.Generation;
        }, $"web available with {replicas} replicas");
    }
}
