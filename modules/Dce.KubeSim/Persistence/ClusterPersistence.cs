using System.Collections.Concurrent;
using System.Text.Json;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Security;
using Microsoft.Extensions.Options;

namespace Dce.KubeSim.Persistence;

/// <summary>
/// Keeps the clusters in <c>KubeSim:StateDirectory</c> across restarts: which clusters exist (with their tokens),
/// and each one's objects, resourceVersion counter and watch history. Without a state folder everything stays in memory.
/// </summary>
public sealed partial class ClusterPersistence : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string? folder;
    private readonly long logLimit;
    private readonly ConcurrentDictionary<string, ClusterJournal> journals = new(StringComparer.Ordinal);
    private readonly Lock savedLock = new();
    private readonly SavedClusters saved;
    private readonly ILogger<ClusterPersistence> logger;

    public ClusterPersistence(IOptions<KubeSimOptions> options, ILogger<ClusterPersistence> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.logger = logger;
        folder = string.IsNullOrEmpty(options.Value.StateDirectory) ? null : Path.GetFullPath(options.Value.StateDirectory);
        logLimit = options.Value.StateLogLimitBytes;
        saved = new SavedClusters();
        if (folder is not null)
        {
            PrivateFile.CreateFolder(folder);
            PrivateFile.CreateFolder(ClustersFolder);
            if (File.Exists(SavedPath))
            {
                saved = JsonSerializer.Deserialize<SavedClusters>(File.ReadAllBytes(SavedPath), JsonOptions) ?? saved;
            }
        }
    }

    public bool Enabled => folder is not null;

    private string SavedPath => Path.Combine(folder!, "clusters.json");

    private string ClustersFolder => Path.Combine(folder!, "clusters");

    /// <summary>The clusters to start: those saved, in their saved order, then configured ones not yet saved nor removed.</summary>
    public IReadOnlyList<ClusterProfile> StartupProfiles(IReadOnlyList<ClusterProfile> configured)
    {
        if (!Enabled)
        {
            return configured;
        }
        lock (savedLock)
        {
            var result = new List<ClusterProfile>();
            foreach (var kept in saved.Clusters)
            {
                // The configuration may have changed a profile; the generated token must stay what clients hold.
                var profile = configured.FirstOrDefault(c => c.Name == kept.Name) is { } current ? Clone(current) : Clone(kept);
                if (string.IsNullOrEmpty(profile.Token))
                {
                    profile.Token = kept.Token;
                }
                result.Add(profile);
            }
            result.AddRange(configured.Where(c => !saved.Clusters.Any(k => k.Name == c.Name) && !saved.Removed.Contains(c.Name)));
            return result;
        }
    }

    /// <summary>Loads the cluster's saved state, if any, and journals its changes from now on; true when state was loaded.</summary>
    internal bool Attach(SimulatedCluster cluster)
    {
        if (!Enabled)
        {
            return false;
        }
        var files = new ClusterFiles(Path.Combine(ClustersFolder, cluster.Name));
        PrivateFile.CreateFolder(files.Folder);
        var restored = files.HasState;
        var snapshotThrough = restored ? ClusterStateLoader.Load(cluster.Store, files) : 0;
        journals[cluster.Name] = ClusterJournal.Start(cluster.Store, files, logLimit, snapshotThrough, error => LogJournalFailed(cluster.Name, files.Folder, error));
        return restored;
    }

    /// <summary>Writes the cluster's profile, with its token, to the saved clusters.</summary>
    public void Save(SimulatedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (!Enabled)
        {
            return;
        }
        var profile = Clone(cluster.Profile);
        profile.Token = cluster.Token;
        lock (savedLock)
        {
            var index = saved.Clusters.FindIndex(c => c.Name == profile.Name);
            if (index >= 0)
            {
                saved.Clusters[index] = profile;
            }
            else
            {
                saved.Clusters.Add(profile);
            }
            saved.Removed.Remove(profile.Name);
            WriteSaved();
        }
    }

    /// <summary>Drops a removed cluster's state for good.</summary>
    internal void Forget(string name)
    {
        if (!Enabled)
        {
            return;
        }
        if (journals.TryRemove(name, out var journal))
        {
            journal.Close();
        }
        var clusterFolder = Path.Combine(ClustersFolder, name);
        if (Directory.Exists(clusterFolder))
        {
            Directory.Delete(clusterFolder, recursive: true);
        }
        lock (savedLock)
        {
            saved.Clusters.RemoveAll(c => c.Name == name);
            if (!saved.Removed.Contains(name))
            {
                saved.Removed.Add(name);
            }
            WriteSaved();
        }
    }

    /// <summary>Writes every queued change to disk and stops journaling: the process is about to end.</summary>
    public void Close()
    {
        foreach (var name in journals.Keys)
        {
            if (journals.TryRemove(name, out var journal))
            {
                journal.Close();
            }
        }
    }

    public void Dispose() => Close();

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster {Cluster} no longer saves its changes to {Folder}; they will be lost at the next restart")]
    private partial void LogJournalFailed(string cluster, string folder, Exception error);

    private void WriteSaved() => PrivateFile.WriteDurably(SavedPath, JsonSerializer.SerializeToUtf8Bytes(saved, JsonOptions));

    private static ClusterProfile Clone(ClusterProfile profile) =>
        JsonSerializer.Deserialize<ClusterProfile>(JsonSerializer.SerializeToUtf8Bytes(profile, JsonOptions), JsonOptions)!;
}
