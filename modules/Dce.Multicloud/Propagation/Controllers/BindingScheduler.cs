using System.Diagnostics;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Scheduling;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Members;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's scheduler: a binding whose placement or replicas changed since it was last scheduled, that lost divided
/// replicas to an eviction, or that could not be scheduled yet, gets its target clusters from the engine, the previous
/// assignment kept where the engine can. Clusters joining, leaving or recovering do not move divided workloads; a
/// duplicated one (or one without replicas) is reconciled as Karmada's scheduler does and reaches a cluster that
/// newly fits, while the clusters it runs in leave it only through eviction.
/// </summary>
public sealed partial class BindingScheduler(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (ns, name) = Keys.Split(key);
        var binding = context.Cache.Bindings.Get(ns, name);
        if (binding is null || binding.IsDeleting() || binding["spec"]?["placement"] is not JsonObject placementNode)
        {
            return;
        }

        var status = binding["status"] as JsonObject;
        var input = SchedulingInput.Of(binding);
        var placement = placementNode.As<Placement>();
        var upToDate = Conditions.IsTrue(status, "Scheduled") && status?[SchedulingInput.StatusField]?.GetValue<string>() == input && !SchedulingInput.ReplicasMissing(binding);
        var reconciling = upToDate && SchedulingInput.ReconciledOnClusterChange(binding, placement);
        if (upToDate && !reconciling)
        {
            return;
        }

        var evicted = EvictedClusters(binding);
        var result = Scheduler.Schedule(new SchedulingRequest
        {
            Placement = placement,
            Replicas = binding["spec"]?["replicas"]?.GetValue<int>() ?? 0,
            Clusters = ClusterViews.For(context.Cache.Clusters.Objects, binding, evicted),
            PreviousAssignment = TargetsOf(binding),
        });
        if (reconciling)
        {
            if (!result.Succeeded)
            {
                return;
            }

            result = WithKeptTargets(result, TargetsOf(binding));
        }

        var generation = binding.Generation();
        var latest = binding;
        if (result.Succeeded && !SameTargets(TargetsOf(binding), result.Targets))
        {
            var updated = await context.Api.UpdateAsync(Kinds.ResourceBinding, ns, name, current =>
            {
                if (current.Generation() != binding.Generation())
                {
                    return false;
                }

                current["spec"]!["clusters"] = new JsonArray([.. result.Targets.Select(target => (JsonNode)new JsonObject { ["name"] = target.Name, ["replicas"] = target.Replicas })]);
                return true;
            }, cancellationToken, cached: binding);
            if (updated is null || !SameTargets(TargetsOf(updated), result.Targets))
            {
                // The binding changed meanwhile; its next event schedules it again.
                return;
            }

            generation = updated.Generation();
            latest = updated;
        }

        var now = context.Time.GetUtcNow();
        var newlyFailed = false;
        await context.Api.UpdateStatusAsync(Kinds.ResourceBinding, ns, name, current =>
        {
            var currentStatus = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            var changed = result.Succeeded
                ? Conditions.Set(currentStatus, "Scheduled", true, "Success", "Binding has been scheduled successfully.", now)
                : newlyFailed = Conditions.Set(currentStatus, "Scheduled", false, "NoClusterFit", result.FailureReason!, now);
            if (currentStatus["schedulerObservedGeneration"]?.GetValue<long>() != generation || currentStatus[SchedulingInput.StatusField]?.GetValue<string>() != input)
            {
                currentStatus["schedulerObservedGeneration"] = generation;
                currentStatus[SchedulingInput.StatusField] = input;
                changed = true;
            }

            return changed;
        }, cancellationToken, cached: latest);
        if (!reconciling || !ReferenceEquals(latest, binding))
        {
            // A reconcile that kept the targets decided nothing new.
            PropagationTelemetry.SchedulingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(PropagationTelemetry.StrategyTag, placementNode["replicaScheduling"]?["replicaSchedulingType"]?.GetValue<string>() ?? "Duplicated"));
        }

        if (newlyFailed)
        {
            LogUnschedulable(context.Logger, ns, name, result.FailureReason!);
            await EventRecorder.WarningAsync(context, binding, "ScheduleBindingFailed", result.FailureReason!, cancellationToken);
        }
    }

    public static IReadOnlyList<TargetCluster> TargetsOf(JsonObject binding) =>
        (binding["spec"]?["clusters"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(target => new TargetCluster(target["name"]?.GetValue<string>() ?? "", target["replicas"]?.GetValue<int>() ?? 0))
            .ToList();

    public static IReadOnlySet<string> EvictedClusters(JsonObject binding) =>
        (binding["spec"]?["gracefulEvictionTasks"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(task => task["fromCluster"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal);

    /// <summary>A reconcile only adds: a cluster that stopped fitting keeps the workload until the taint manager evicts it.</summary>
    private static SchedulingResult WithKeptTargets(SchedulingResult result, IReadOnlyList<TargetCluster> previous) => result with
    {
        Targets = [.. result.Targets.Concat(previous.Where(kept => result.Targets.All(target => target.Name != kept.Name)))
            .OrderBy(target => target.Name, StringComparer.Ordinal)],
    };

    private static bool SameTargets(IReadOnlyList<TargetCluster> a, IReadOnlyList<TargetCluster> b) =>
        a.OrderBy(t => t.Name, StringComparer.Ordinal).SequenceEqual(b.OrderBy(t => t.Name, StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "Binding {Namespace}/{Name} cannot be scheduled: {Reason}")]
    private static partial void LogUnschedulable(ILogger logger, string @namespace, string name, string reason);
}
