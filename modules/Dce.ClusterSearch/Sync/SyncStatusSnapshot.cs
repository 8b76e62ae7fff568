namespace Dce.ClusterSearch.Sync;

/// <summary>One cluster × type sync as its owner last published it for every replica to answer.</summary>
internal sealed record SyncStatusSnapshot(string Cluster, string Group, string Version, string Resource, string State, long Objects,
    string? ResourceVersion, DateTimeOffset? LastListedAt, DateTimeOffset? LastEventAt, DateTimeOffset? LastWrittenAt, long LagMilliseconds,
    string? Message, long Failures, string? ErrorCategory)
{
    public static SyncStatusSnapshot Of(ResourceSyncStatus s) => new(s.Cluster, s.Type.Group, s.Type.Version, s.Type.Resource, s.State.ToString(),
        s.Objects, s.ResourceVersion, s.LastListedAt, s.LastEventAt, s.LastWrittenAt, (long)s.Lag.TotalMilliseconds, s.Message, s.Failures, s.ErrorCategory);

    public string Field => $"{Group}|{Version}|{Resource}";
}
