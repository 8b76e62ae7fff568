using Dce.KubeSim.Configuration;

namespace Dce.KubeSim.Persistence;

/// <summary>
/// <c>&lt;state&gt;/clusters.json</c>: every served cluster's profile with its token (generated or given), and the names
/// removed at runtime so configured ones do not come back. Anything set on a profile is kept, so a setting decided at
/// run time (a port, a key) survives a restart when written into the profile and saved with <c>ClusterRegistry.Persist</c>.
/// </summary>
public sealed class SavedClusters
{
    public List<ClusterProfile> Clusters { get; set; } = [];
    public List<string> Removed { get; set; } = [];
}
