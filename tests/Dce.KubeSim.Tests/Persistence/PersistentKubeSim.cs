using Dce.Testing.KubeSim;

namespace Dce.KubeSim.Tests.Persistence;

/// <summary>A KubeSim of its own with a state folder, for tests that stop and start it; the folder goes with it.</summary>
public sealed class PersistentKubeSim : IAsyncDisposable
{
    public const string Cluster = "keep";

    private PersistentKubeSim(SimulatedClusters clusters, string stateDirectory)
    {
        Clusters = clusters;
        StateDirectory = stateDirectory;
    }

    public SimulatedClusters Clusters { get; }

    public string StateDirectory { get; }

    /// <summary>The change log of <paramref name="cluster"/> in the state folder.</summary>
    public string LogPath(string cluster = Cluster) => Path.Combine(StateDirectory, "clusters", cluster, "log");

    public static async Task<PersistentKubeSim> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var state = Directory.CreateTempSubdirectory("dce-kubesim-state-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["KubeSim:StateDirectory"] = state,
            ["KubeSim:NodeHeartbeatInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new PersistentKubeSim(await SimulatedClusters.StartAsync([Cluster], workerNodes: 2, settings: all), state);
    }

    public async ValueTask DisposeAsync()
    {
        await Clusters.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
