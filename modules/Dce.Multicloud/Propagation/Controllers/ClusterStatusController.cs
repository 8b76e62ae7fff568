using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Members;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's cluster status controller: probes each member, writes its Ready condition, Kubernetes version and
/// resource summary, and taints a member that is not ready so nothing new is scheduled there.
/// </summary>
public sealed partial class ClusterStatusController(ControllerContext context)
{
    public const string NotReadyTaint = "cluster.karmada.io/not-ready";
    public const string UnreachableTaint = "cluster.karmada.io/unreachable";

    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(context.Options.ClusterStatusInterval, context.Time);
        do
        {
            await Parallel.ForEachAsync(context.Cache.Clusters.Objects.ToList(), cancellationToken, async (cluster, ct) =>
            {
                try
                {
                    await ProbeAsync(cluster.Name(), ct);
                }
                catch (Exception error) when (!ct.IsCancellationRequested)
                {
                    LogStatusFailed(context.Logger, cluster.Name(), error.Message);
                }
            });
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task ProbeAsync(string cluster, CancellationToken cancellationToken)
    {
        var member = context.Members.Get(cluster, out var problem);
        string? version = null;
        ResourceSummary? summary = null;
        var reachable = member is not null;
        if (member is not null)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                version = (await member.GetPathAsync("version", timeout.Token))["gitVersion"]?.GetValue<string>();
                var nodes = (await member.ListAsync(Kinds.Node, null, null, timeout.Token)).Items;
                var pods = (await member.ListAsync(Kinds.Pod, null, null, timeout.Token)).Items;
                summary = ResourceSummary.From(nodes, pods);
                failures[cluster] = 0;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"cluster is not reachable: {error.Message}";
                reachable = false;
            }
        }

        // One lost probe on a busy machine is not an outage.
        var failed = reachable ? 0 : failures.AddOrUpdate(cluster, 1, (_, count) => count + 1);
        var ready = reachable || failed < context.Options.FailedProbesBeforeNotReady;
        if (!reachable && ready)
        {
            return;
        }

        var now = context.Time.GetUtcNow();
        await context.Api.UpdateStatusAsync(Kinds.Cluster, null, cluster, current =>
        {
            var status = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            var changed = Conditions.Set(status, "Ready", ready, ready ? "ClusterReady" : "ClusterNotReachable",
                ready ? "cluster is healthy and ready to accept workloads" : problem ?? "cluster is not reachable", now);
            if (version is not null && status["kubernetesVersion"]?.GetValue<string>() != version)
            {
                status["kubernetesVersion"] = version;
                changed = true;
            }

            if (summary is not null && !JsonNode.DeepEquals(status["resourceSummary"], summary.ToJson()))
            {
                status["resourceSummary"] = summary.ToJson();
                changed = true;
            }

            return changed;
        }, cancellationToken);
        await UpdateTaintsAsync(cluster, ready ? null : member is null ? NotReadyTaint : UnreachableTaint, now, cancellationToken);
    }

    /// <summary>Leaves exactly the taints for <paramref name="wanted"/> (NoSchedule and NoExecute), none when ready; other taints stay.</summary>
    private async Task UpdateTaintsAsync(string cluster, string? wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = context.Cache.Clusters.Get(null, cluster);
        var taints = (current?["spec"]?["taints"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        bool Ours(JsonObject taint) => taint["key"]?.GetValue<string>() is NotReadyTaint or UnreachableTaint;
        var present = taints.Where(Ours).Select(taint => taint["key"]!.GetValue<string>()).Distinct().ToList();
        if (wanted is null ? present.Count == 0 : present.SequenceEqual([wanted]) && taints.Count(Ours) == 2)
        {
            return;
        }

        await context.Api.UpdateAsync(Kinds.Cluster, null, cluster, fresh =>
        {
            var spec = fresh["spec"] as JsonObject ?? (JsonObject)(fresh["spec"] = new JsonObject());
            var kept = (spec["taints"] as JsonArray ?? []).OfType<JsonObject>().Where(taint => !Ours(taint)).Select(taint => (JsonNode)taint.DeepClone());
            var added = wanted is null ? [] : new[] { "NoSchedule", "NoExecute" }.Select(effect => (JsonNode)new JsonObject
            {
                ["key"] = wanted,
                ["effect"] = effect,
                ["timeAdded"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            });
            spec["taints"] = new JsonArray([.. kept, .. added]);
            return true;
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of cluster {Cluster} could not be written: {Reason}")]
    private static partial void LogStatusFailed(ILogger logger, string cluster, string reason);
}
