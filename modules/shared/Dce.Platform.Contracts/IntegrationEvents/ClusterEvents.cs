using Dce.EventBus;

namespace Dce.Platform.Contracts.IntegrationEvents;

/// <summary>
/// Container Management joined a cluster (or re-announces one it holds). <paramref name="ProtectedKubeconfig"/> is the
/// kubeconfig sealed by <see cref="Clusters.ClusterCredentialProtector"/>: only modules given the platform's cluster
/// credential key can open it, and the broker, outbox and inbox never hold it in clear text. <paramref name="Incarnation"/>
/// names the join (higher at every later join of the name): an announcement of a join that was removed, or older than
/// the one a module follows, is stale and ignored whenever it arrives. 0 from a sender that predates incarnations.
/// </summary>
[IntegrationEventName("kpanda.cluster-integrated")]
public sealed record ClusterIntegrated(string Cluster, string Provider, string? Region, string ProtectedKubeconfig, long Incarnation = 0) : IntegrationEvent, IOrderedIntegrationEvent
{
    /// <summary>A cluster's events are applied in the order they were raised.</summary>
    public string OrderingKey => Cluster;
}

/// <summary>Container Management removed the join <paramref name="Incarnation"/> of a cluster (and any older one); every module stops using it for good.</summary>
[IntegrationEventName("kpanda.cluster-removed")]
public sealed record ClusterRemoved(string Cluster, long Incarnation = 0) : IntegrationEvent, IOrderedIntegrationEvent
{
    /// <summary>A cluster's events are applied in the order they were raised.</summary>
    public string OrderingKey => Cluster;
}

/// <summary>A cluster's phase changed (<c>Running</c>, <c>Unknown</c> when unreachable, <c>Failed</c> when it refuses the credentials).</summary>
[IntegrationEventName("kpanda.cluster-health-changed")]
public sealed record ClusterHealthChanged(string Cluster, string Phase, string? PreviousPhase, string? Message, long Incarnation = 0) : IntegrationEvent, IOrderedIntegrationEvent
{
    /// <summary>A cluster's events are applied in the order they were raised.</summary>
    public string OrderingKey => Cluster;
}

/// <summary>A workload was created, changed, scaled, restarted, paused, resumed, rolled back or deleted through Container Management.</summary>
[IntegrationEventName("kpanda.workload-changed")]
public sealed record WorkloadChanged(string Cluster, string Namespace, string Kind, string Name, string Action) : IntegrationEvent, IOrderedIntegrationEvent
{
    /// <summary>A cluster's events are applied in the order they were raised.</summary>
    public string OrderingKey => Cluster;
}

/// <summary>A module that follows clusters asks Container Management to announce every cluster it holds again (as <see cref="ClusterIntegrated"/>).</summary>
[IntegrationEventName("kpanda.cluster-inventory-requested")]
public sealed record ClusterInventoryRequested(string Requester) : IntegrationEvent;

/// <summary>
/// An object of any other kind (Ingress, claim, autoscaler, role, custom resource...) was created, replaced, patched or
/// deleted through Container Management. <see cref="Namespace"/> is null for a cluster-scoped kind.
/// </summary>
[IntegrationEventName("kpanda.resource-changed")]
public sealed record ResourceChanged(string Cluster, string? Namespace, string ApiVersion, string Kind, string Name, string Action) : IntegrationEvent, IOrderedIntegrationEvent
{
    /// <summary>A cluster's events are applied in the order they were raised.</summary>
    public string OrderingKey => Cluster;
}
