using System.Collections.Concurrent;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Persistence;
using Microsoft.Extensions.Options;

namespace Dce.KubeSim.Clusters;

/// <summary>Every cluster this process simulates, by name.</summary>
public sealed class ClusterRegistry(IOptions<KubeSimOptions> options, ClusterPersistence persistence)
{
    private readonly ConcurrentDictionary<string, SimulatedCluster> clusters = new(StringComparer.Ordinal);

    public KubeSimOptions Options => options.Value;

    /// <summary>The URL clients reach this process at, known once the server listens.</summary>
    public string? BaseUrl { get; set; }

    public IEnumerable<SimulatedCluster> All => clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public SimulatedCluster? Find(string name) => clusters.GetValueOrDefault(name);

    public SimulatedCluster Add(ClusterProfile profile)
    {
        profile = BuiltinProfiles.Resolve(profile);
        var cluster = new SimulatedCluster(profile, options.Value);
        if (!clusters.TryAdd(profile.Name, cluster))
        {
            throw new InvalidOperationException($"A cluster named '{profile.Name}' already exists.");
        }
        if (persistence.Attach(cluster))
        {
            cluster.RestoreCustomResources();
        }
        else
        {
            ClusterBootstrap.Seed(cluster);
        }
        persistence.Save(cluster);
        return cluster;
    }

    public bool Remove(string name)
    {
        if (!clusters.TryRemove(name, out var cluster))
        {
            return false;
        }
        cluster.Stop();
        persistence.Forget(name);
        return true;
    }

    /// <summary>Saves the cluster's profile (and so any setting written into it) with the state, when there is one.</summary>
    public void Persist(SimulatedCluster cluster) => persistence.Save(cluster);

    /// <summary>Writes every cluster's pending changes to the state folder and stops recording: the process is ending.</summary>
    public void CloseState() => persistence.Close();

    /// <summary>The clusters to create at start: those kept in the state folder and the configured ones it does not know yet.</summary>
    public IReadOnlyList<ClusterProfile> StartupProfiles() => persistence.StartupProfiles(ConfiguredProfiles());

    /// <summary>The configured profiles, or the built-in three when none are configured.</summary>
    public IReadOnlyList<ClusterProfile> ConfiguredProfiles() =>
        options.Value.Clusters.Count > 0 ? options.Value.Clusters : DefaultProfiles.Create();
}
