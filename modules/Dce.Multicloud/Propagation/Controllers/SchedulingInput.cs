using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// What a binding was last scheduled for (its placement and replicas, as Karmada's applied-placement annotation), so
/// that only a change of those, not every write to the binding, makes the scheduler move it.
/// </summary>
public static class SchedulingInput
{
    public const string StatusField = "schedulerObservedInput";

    public static string Of(JsonObject binding)
    {
        var text = (binding["spec"]?["placement"]?.ToJsonString() ?? "") + "|" + (binding["spec"]?["replicas"]?.ToJsonString() ?? "0");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Whether the binding is scheduled again when clusters change although its input did not: Karmada reconciles a
    /// duplicated workload, or one without replicas, on every cluster event, so a cluster that becomes ready gets it.
    /// Spread constraints choose a fixed number of groups and are left as scheduled.
    /// </summary>
    public static bool ReconciledOnClusterChange(JsonObject binding, Placement placement)
    {
        var replicas = binding["spec"]?["replicas"]?.GetValue<int>() ?? 0;
        var duplicated = placement.ReplicaScheduling is null || placement.ReplicaScheduling.ReplicaSchedulingType == ReplicaSchedulingType.Duplicated;
        return (replicas == 0 || duplicated) && placement.SpreadConstraints is not { Count: > 0 };
    }

    /// <summary>Whether divided replicas are unassigned (an eviction took a cluster's share away).</summary>
    public static bool ReplicasMissing(JsonObject binding)
    {
        var strategy = binding["spec"]?["placement"]?["replicaScheduling"];
        var divided = strategy is not null && (strategy["replicaSchedulingType"]?.GetValue<string>() ?? "Divided") == "Divided";
        var replicas = binding["spec"]?["replicas"]?.GetValue<int>() ?? 0;
        return divided && replicas > 0 && BindingScheduler.TargetsOf(binding).Sum(target => target.Replicas) != replicas;
    }
}
