namespace Dce.ClusterSearch.Sync;

/// <summary>A sync setting the cluster cannot serve; <see cref="Entry"/> names it (<c>syncResources[2]</c>) once known.</summary>
internal sealed class SyncSettingsRefusal(string? entry, string message) : Exception(message)
{
    public string? Entry { get; } = entry;
}
