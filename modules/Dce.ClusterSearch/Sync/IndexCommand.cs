using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Sync;

/// <summary>A change for the index, applied strictly in the order the sync produced it.</summary>
internal abstract record IndexCommand(DateTimeOffset ReceivedAt);

/// <summary>The object was listed, added or modified.</summary>
internal sealed record UpsertObject(IndexedObject Object, DateTimeOffset ReceivedAt) : IndexCommand(ReceivedAt);

/// <summary>A page of a list: its objects, in the order listed.</summary>
internal sealed record UpsertObjects(IReadOnlyList<IndexedObject> Objects, DateTimeOffset ReceivedAt) : IndexCommand(ReceivedAt);

/// <summary>The object was deleted from its cluster.</summary>
internal sealed record DeleteObject(ObjectKey Key, DateTimeOffset ReceivedAt) : IndexCommand(ReceivedAt);

/// <summary>A full list ended: every row of the cluster and type not among <paramref name="Listed"/> is gone from the cluster.</summary>
internal sealed record ReconcileType(string Cluster, ResourceType Type, IReadOnlySet<(string Namespace, string Name)> Listed, DateTimeOffset ReceivedAt)
    : IndexCommand(ReceivedAt);

/// <summary>The cluster was removed: all its rows go.</summary>
internal sealed record ForgetCluster(string Cluster, DateTimeOffset ReceivedAt) : IndexCommand(ReceivedAt);

/// <summary>The cluster's sync settings changed: its rows of every type not among <paramref name="Types"/> go.</summary>
internal sealed record RetainTypes(string Cluster, IReadOnlyCollection<ResourceType> Types, DateTimeOffset ReceivedAt) : IndexCommand(ReceivedAt);
