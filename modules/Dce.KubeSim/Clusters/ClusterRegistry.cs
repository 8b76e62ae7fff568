using System.Collections.Concurrent;
using Dce.KubeSim.Configuration;
using Microsoft.Extensions.Options;

namespace Dce.KubeSim.Clusters;

/// <summary>Every cluster this process simulates, by name.</summary>
public sealed class ClusterRegistry(IOptions<KubeSimOptions> options)
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
        ClusterBootstrap.Seed(cluster);
        return cluster;
    }

    public bool Remove(string name)
    {
        if (!clusters.TryRemove(name, out var cluster))
        {
            return false;
        }
        cluster.Stop();
        return true;
    }

    /// <summary>The configured profiles, or the built-in three when none are configured.</summary>
    public IReadOnlyList<ClusterProfile> ConfiguredProfiles() =>
        options.Value.Clusters.Count > 0 ? options.Value.Clusters : DefaultProfiles.Create();
}
