using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Selectors;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's taint manager and graceful eviction: a target cluster whose NoExecute taint the placement does not
/// tolerate for longer than it has been there is taken out of the binding into a graceful eviction task (so the
/// scheduler places its replicas elsewhere while its Work stays); the task ends once the remaining clusters are healthy.
/// </summary>
public sealed partial class TaintEvictionController(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var binding = context.Cache.Bindings.Get(ns, name);
        if (binding is null || binding.IsDeleting() || binding["spec"]?["placement"] is not JsonObject placementNode)
        {
            return;
        }

        var placement = placementNode.As<Placement>();
        var now = context.Time.GetUtcNow();
        var settings = FailoverSettings.From(context.Cache.Template("ConfigMap", FailoverSettings.Namespace, FailoverSettings.Name));
        foreach (var target in settings.Enabled ? BindingScheduler.TargetsOf(binding) : [])
        {
            if (EvictionDue(target.Name, placement, settings, now) is not { } due)
            {
                continue;
            }

            if (due > TimeSpan.Zero)
            {
                context.Eviction.AddAfter(key, due, cancellationToken);
                continue;
            }

            LogEvicting(context.Logger, ns, name, target.Name);
            await context.Api.UpdateAsync(Kinds.ResourceBinding, ns, name, current => Evict(current, target, now), cancellationToken);
            return;
        }

        await FinishGracefulEvictionsAsync(binding, settings.GracefulEvictionTimeout ?? context.Options.GracefulEvictionTimeout, now, cancellationToken);
    }

    /// <summary>How long until the cluster's workloads must leave it (zero or less: now), null when they may stay.</summary>
    private TimeSpan? EvictionDue(string cluster, Placement placement, FailoverSettings settings, DateTimeOffset now)
    {
        var clusterObject = context.Cache.Clusters.Get(null, cluster);
        if (clusterObject is null)
        {
            return null;
        }

        TimeSpan? earliest = null;
        foreach (var taint in clusterObject.As<Cluster>().Spec.Taints.Where(taint => taint.Effect == TaintEffect.NoExecute))
        {
            var toleration = placement.ClusterTolerations.FirstOrDefault(candidate => TolerationMatcher.Tolerates(candidate, taint));
            if (toleration is not null && toleration.TolerationSeconds is null)
            {
                continue;
            }

            var allowed = toleration?.TolerationSeconds is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : settings.FailoverEvictionTimeout ?? context.Options.DefaultTolerationSeconds;
            var due = (taint.TimeAdded ?? now) + allowed - now;
            earliest = earliest is null || due < earliest ? due : earliest;
        }

        return earliest;
    }

    private static bool Evict(JsonObject binding, TargetCluster target, DateTimeOffset now)
    {
        if (binding["spec"]?["clusters"] is not JsonArray clusters
            || clusters.OfType<JsonObject>().FirstOrDefault(item => item["name"]?.GetValue<string>() == target.Name) is not { } entry)
        {
            return false;
        }

        clusters.Remove(entry);
        var spec = binding["spec"]!.AsObject();
        var tasks = spec["gracefulEvictionTasks"] as JsonArray ?? (JsonArray)(spec["gracefulEvictionTasks"] = new JsonArray());
        tasks.Add(new JsonObject
        {
            ["fromCluster"] = target.Name,
            ["replicas"] = target.Replicas,
            ["reason"] = "TaintUntolerated",
            ["producer"] = "TaintManager",
            ["creationTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
        return true;
    }

    /// <summary>Ends the eviction tasks whose replicas run healthy elsewhere (or that waited too long); their Works then go.</summary>
    private async Task FinishGracefulEvictionsAsync(JsonObject binding, TimeSpan gracefulEvictionTimeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tasks = (binding["spec"]?["gracefulEvictionTasks"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (tasks.Count == 0)
        {
            return;
        }

        var status = binding["status"] as JsonObject;
        var scheduled = Conditions.IsTrue(status, "Scheduled") && !SchedulingInput.ReplicasMissing(binding);
        var targets = BindingScheduler.TargetsOf(binding).Select(target => target.Name).ToHashSet(StringComparer.Ordinal);
        var healthy = (status?["aggregatedStatus"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(item => item["health"]?.GetValue<string>() == "Healthy").Select(item => item["clusterName"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var replacementsHealthy = scheduled && targets.Count > 0 && targets.All(healthy.Contains);
        var finished = tasks.Where(task => replacementsHealthy
            || DateTimeOffset.TryParse(task["creationTimestamp"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            && now - created > gracefulEvictionTimeout).Select(task => task["fromCluster"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (finished.Count == 0)
        {
            context.Eviction.AddAfter($"{binding.Namespace()}/{binding.Name()}", TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        await context.Api.UpdateAsync(Kinds.ResourceBinding, binding.Namespace(), binding.Name(), current =>
        {
            if (current["spec"]?["gracefulEvictionTasks"] is not JsonArray list)
            {
                return false;
            }

            var done = list.OfType<JsonObject>().Where(task => finished.Contains(task["fromCluster"]?.GetValue<string>())).ToList();
            done.ForEach(task => list.Remove(task));
            return done.Count > 0;
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Binding {Namespace}/{Name} is evicted from cluster {Cluster}: its taint is not tolerated any longer")]
    private static partial void LogEvicting(ILogger logger, string @namespace, string name, string cluster);
}
