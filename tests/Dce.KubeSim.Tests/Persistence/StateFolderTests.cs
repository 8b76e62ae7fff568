using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Persistence;

/// <summary>The state folder as a crash or a long run leaves it: a torn log tail, snapshots, private files.</summary>
public sealed class StateFolderTests
{
    private const string Cluster = PersistentKubeSim.Cluster;

    [Fact]
    public async Task A_torn_or_garbage_tail_of_the_log_is_dropped_and_later_writes_are_kept()
    {
        await using var sim = await PersistentKubeSim.StartAsync();
        var ns = Manifests.UniqueNamespace("torn");
        var kubectl = new Dce.Testing.Kubectl(sim.Clusters.KubeconfigPath(Cluster));
        await kubectl.OkAsync("create", "namespace", ns);
        var before = await kubectl.OkAsync("-n", ns, "create", "configmap", "before", "-o", "jsonpath={.metadata.uid}");

        // A record header promising more bytes than follow, then noise: an append cut short by a crash.
        await sim.Clusters.RestartAsync(() => File.AppendAllBytes(sim.LogPath(), [200, 0, 0, 0, 1, 2, 3, 4, .. "{\"kind\":\"Con"u8]));
        var after = await kubectl.OkAsync("-n", ns, "create", "configmap", "after", "-o", "jsonpath={.metadata.uid}");
        await sim.Clusters.RestartAsync(() => File.AppendAllBytes(sim.LogPath(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)));

        Assert.Equal(before, await kubectl.OkAsync("-n", ns, "get", "configmap", "before", "-o", "jsonpath={.metadata.uid}"));
        Assert.Equal(after, await kubectl.OkAsync("-n", ns, "get", "configmap", "after", "-o", "jsonpath={.metadata.uid}"));
    }

    [Fact]
    public async Task State_folded_into_snapshots_comes_back_with_its_versions_and_watch_history()
    {
        await using var sim = await PersistentKubeSim.StartAsync(new Dictionary<string, string?> { ["KubeSim:StateLogLimitBytes"] = "4096" });
        var ns = Manifests.UniqueNamespace("snap");
        IList<V1ConfigMap> before;
        string start;
        using (var client = sim.Clusters.Client(Cluster))
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            start = (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
            for (var i = 0; i < 40; i++)
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = $"map-{i:D2}" },
                    Data = new Dictionary<string, string> { ["payload"] = new string('x', 200) },
                }, ns);
            }
            before = (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items;
        }
        await Eventually.Until(() => File.Exists(Path.Combine(sim.StateDirectory, "clusters", Cluster, "snapshot")), "a snapshot of the state");

        await sim.Clusters.RestartAsync();

        using var restarted = sim.Clusters.Client(Cluster);
        var after = (await restarted.CoreV1.ListNamespacedConfigMapAsync(ns)).Items;
        Assert.Equal(before.Select(m => (m.Metadata.Name, m.Metadata.Uid, m.Metadata.ResourceVersion)), after.Select(m => (m.Metadata.Name, m.Metadata.Uid, m.Metadata.ResourceVersion)));
        var replayed = new WatchedEvents();
        using var watcher = restarted.CoreV1.WatchListNamespacedConfigMap(ns, resourceVersion: start, onEvent: replayed.Add, onError: replayed.Fail);
        Assert.Equal(before.Select(m => m.Metadata.Name), (await replayed.WaitForAsync(40)).Select(e => e.Name));
    }

    [Fact]
    public async Task The_state_folder_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        await using var sim = await PersistentKubeSim.StartAsync();
        await sim.Clusters.RestartAsync();

        var files = Directory.EnumerateFiles(sim.StateDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("serving-certificate.pfx", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("clusters.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine(Cluster, "log"), StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        foreach (var folder in Directory.EnumerateDirectories(sim.StateDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }
}
