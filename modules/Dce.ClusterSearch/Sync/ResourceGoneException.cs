namespace Dce.ClusterSearch.Sync;

/// <summary>The cluster no longer has the history asked for (410 Gone): the sync relists and reconciles.</summary>
internal sealed class ResourceGoneException(string message) : Exception(message);
