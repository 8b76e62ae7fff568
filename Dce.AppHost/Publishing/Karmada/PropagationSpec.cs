using System.Text.Json.Serialization;
using k8s.Models;

namespace Dce.AppHost.Publishing.Karmada;

/// <summary>The spec of a (Cluster)PropagationPolicy.</summary>
public sealed class PropagationSpec
{
    /// <summary>The resources the policy places.</summary>
    [JsonPropertyName("resourceSelectors")]
    public IList<ResourceSelector> ResourceSelectors { get; set; } = [];

    /// <summary>Whether ConfigMaps, Secrets and ServiceAccounts a workload refers to follow it.</summary>
    [JsonPropertyName("propagateDeps")]
    public bool? PropagateDeps { get; set; }

    /// <summary>Where the resources go.</summary>
    [JsonPropertyName("placement")]
    public Placement Placement { get; set; } = new();

    /// <summary>What happens when a cluster fails.</summary>
    [JsonPropertyName("failover")]
    public FailoverBehavior? Failover { get; set; }

    /// <summary>The policy's priority among those matching a resource.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; set; }
}

/// <summary>Selects resources by kind, and by name or labels.</summary>
public sealed class ResourceSelector
{
    /// <summary>The API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <summary>The kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <summary>The name, or all when absent.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The labels the resources carry.</summary>
    [JsonPropertyName("labelSelector")]
    public V1LabelSelector? LabelSelector { get; set; }
}

/// <summary>Where resources are placed.</summary>
public sealed class Placement
{
    /// <summary>The candidate clusters.</summary>
    [JsonPropertyName("clusterAffinity")]
    public ClusterAffinity? ClusterAffinity { get; set; }

    /// <summary>How replicas are spread over the chosen clusters.</summary>
    [JsonPropertyName("replicaScheduling")]
    public ReplicaScheduling? ReplicaScheduling { get; set; }
}

/// <summary>Candidate clusters, by name or labels.</summary>
public sealed class ClusterAffinity
{
    /// <summary>The clusters' names.</summary>
    [JsonPropertyName("clusterNames")]
    public IList<string>? ClusterNames { get; set; }

    /// <summary>The clusters' labels.</summary>
    [JsonPropertyName("labelSelector")]
    public V1LabelSelector? LabelSelector { get; set; }
}

/// <summary>Duplicated (every cluster runs all replicas) or Divided (replicas split, by weight or aggregated).</summary>
public sealed class ReplicaScheduling
{
    /// <summary>Duplicated or Divided.</summary>
    [JsonPropertyName("replicaSchedulingType")]
    public string ReplicaSchedulingType { get; set; } = "Duplicated";

    /// <summary>Aggregated or Weighted, when Divided.</summary>
    [JsonPropertyName("replicaDivisionPreference")]
    public string? ReplicaDivisionPreference { get; set; }

    /// <summary>The weights, when Weighted.</summary>
    [JsonPropertyName("weightPreference")]
    public WeightPreference? WeightPreference { get; set; }
}

/// <summary>Static weights per cluster.</summary>
public sealed class WeightPreference
{
    /// <summary>The weights.</summary>
    [JsonPropertyName("staticWeightList")]
    public IList<StaticClusterWeight> StaticWeightList { get; set; } = [];
}

/// <summary>The weight of some clusters.</summary>
public sealed class StaticClusterWeight
{
    /// <summary>The clusters.</summary>
    [JsonPropertyName("targetCluster")]
    public ClusterAffinity TargetCluster { get; set; } = new();

    /// <summary>The weight.</summary>
    [JsonPropertyName("weight")]
    public long Weight { get; set; }
}

/// <summary>Failover of the placed applications.</summary>
public sealed class FailoverBehavior
{
    /// <summary>Moving an application off an unhealthy cluster.</summary>
    [JsonPropertyName("application")]
    public ApplicationFailoverBehavior? Application { get; set; }
}

/// <summary>When and how an application moves.</summary>
public sealed class ApplicationFailoverBehavior
{
    /// <summary>How long the application may be unhealthy first.</summary>
    [JsonPropertyName("decisionConditions")]
    public DecisionConditions DecisionConditions { get; set; } = new();

    /// <summary>Graciously, Never or Immediately.</summary>
    [JsonPropertyName("purgeMode")]
    public string? PurgeMode { get; set; }

    /// <summary>How long the old placement is kept while the new one becomes healthy (Graciously).</summary>
    [JsonPropertyName("gracePeriodSeconds")]
    public int? GracePeriodSeconds { get; set; }
}

/// <summary>The failover decision.</summary>
public sealed class DecisionConditions
{
    /// <summary>Seconds of unhealthiness tolerated.</summary>
    [JsonPropertyName("tolerationSeconds")]
    public int? TolerationSeconds { get; set; }
}
