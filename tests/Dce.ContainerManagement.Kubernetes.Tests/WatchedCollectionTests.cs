using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

/// <summary>A watched collection holds what the cluster holds: after adds, changes and deletes, and across broken and expired watches.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WatchedCollectionTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C1;

    [Fact]
    public async Task Follows_adds_changes_and_deletes_and_survives_a_broken_and_an_expired_watch()
    {
        var ns = await fixture.NamespaceAsync(Client, "watch");
        await CreateAsync(ns, "before", "1");
        await using var collection = new WatchedCollection(fixture.Clusters.Client("c1"), ResourceKinds.ConfigMaps);
        await collection.Ready;
        Assert.Equal("1", Value(collection, ns, "before"));

        await CreateAsync(ns, "added", "1");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"v":"2"}}""", V1Patch.PatchType.MergePatch), "before", ns);
        await Eventually.Until(() => Task.FromResult(Value(collection, ns, "added") == "1" && Value(collection, ns, "before") == "2"), "the add and the change seen");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("added", ns);
        await Eventually.Until(() => Task.FromResult(Value(collection, ns, "added") is null), "the delete seen");

        await fixture.Clusters.RestartWatchesAsync("c1");
        await CreateAsync(ns, "after-break", "1");
        await Eventually.Until(() => Task.FromResult(Value(collection, ns, "after-break") == "1"), "a change after the watch broke");

        // Changes made while the history the watch would resume from is compacted away: the collection lists again.
        await fixture.Clusters.RestartWatchesAsync("c1");
        await CreateAsync(ns, "while-compacted", "1");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("before", ns);
        await fixture.Clusters.CompactAsync("c1");
        await CreateAsync(ns, "after-compaction", "1");
        await Eventually.Until(() => Task.FromResult(
            Value(collection, ns, "while-compacted") == "1" && Value(collection, ns, "after-compaction") == "1" && Value(collection, ns, "before") is null),
            "the collection equal to the cluster after its history was compacted");
        var listed = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal);
        Assert.Equal(listed, Names(collection, ns));
    }

    private Task CreateAsync(string ns, string name, string value) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name },
            Data = new Dictionary<string, string> { ["v"] = value },
        }, ns);

    private static string? Value(WatchedCollection collection, string ns, string name) =>
        collection.Snapshot().FirstOrDefault(o => o["metadata"]?["namespace"]?.ToString() == ns && o["metadata"]?["name"]?.ToString() == name)?["data"]?["v"]?.ToString();

    private static IEnumerable<string> Names(WatchedCollection collection, string ns) =>
        collection.Snapshot().Where(o => o["metadata"]?["namespace"]?.ToString() == ns).Select(o => o["metadata"]!["name"]!.ToString()).Order(StringComparer.Ordinal);
}
