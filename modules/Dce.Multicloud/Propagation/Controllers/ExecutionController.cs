using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's execution controller: applies each Work's manifest to its member (creating the namespace when missing,
/// putting back what someone changed there), reports Applied, and on the Work's deletion removes the member's object.
/// An object the member already had is taken over only when the policy's conflictResolution is Overwrite.
/// </summary>
public sealed partial class ExecutionController(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var work = context.Cache.Works.Get(ns, name);
        if (work is null || KarmadaNames.ClusterOf(ns) is not { } cluster)
        {
            return;
        }

        var manifest = work["spec"]?["workload"]?["manifests"]?[0] as JsonObject;
        var kind = manifest is null ? null : TemplateKinds.Find(manifest.ApiVersionName(), manifest.KindName());
        var member = context.Members.Get(cluster, out var problem);
        if (work.IsDeleting())
        {
            await FinalizeAsync(work, cluster, member, manifest, cancellationToken);
            return;
        }

        if (manifest is null || kind is null)
        {
            await SetAppliedAsync(work, false, "The Work holds no manifest of a propagated kind.", cancellationToken);
            return;
        }

        if (member is null)
        {
            await SetAppliedAsync(work, false, problem!, cancellationToken);
            return;
        }

        if (!Conditions.IsTrue(context.Cache.Clusters.Get(null, cluster)?["status"] as JsonObject, "Ready"))
        {
            // Its Ready transition queues the member's Works again; until then the last Applied condition stands.
            return;
        }

        try
        {
            var memberNamespace = manifest.Namespace();
            var existing = await member.GetAsync(kind, memberNamespace, manifest.Name(), cancellationToken);
            if (existing is null)
            {
                _ = memberNamespace is null
                    ? await member.CreateAsync(kind, null, manifest, cancellationToken)
                    : await member.CreateInNamespaceAsync(kind, memberNamespace, manifest, cancellationToken);
            }
            else if (existing.Label(KarmadaNames.WorkNameLabel) is null && existing.Label(KarmadaNames.ManagedLabel) is null
                && manifest["metadata"]?["annotations"]?[KarmadaNames.ConflictResolutionAnnotation]?.GetValue<string>() != "overwrite")
            {
                await SetAppliedAsync(work, false, $"{manifest.KindName()} {memberNamespace}/{manifest.Name()} already exists in cluster {cluster} and is not managed by Karmada.", cancellationToken);
                return;
            }
            else if (!JsonSubset.Contains(existing, manifest))
            {
                await member.ReplaceAsync(kind, memberNamespace, manifest.Name(), MemberRetention.Merge(manifest, existing), cancellationToken);
            }

            await SetAppliedAsync(work, true, "Manifest has been successfully applied", cancellationToken);
        }
        catch (Exception error) when (error is KubeApiException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            LogApplyFailed(context.Logger, ns, name, error.Message);
            await SetAppliedAsync(work, false, $"Failed to apply the manifest to cluster {cluster}: {error.Message}", cancellationToken);
            context.Execution.AddAfter(key, TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>Deletes the member's object (only one this engine manages), then lets the Work go; waits while the member is not ready.</summary>
    private async Task FinalizeAsync(JsonObject work, string cluster, KubeApi? member, JsonObject? manifest, CancellationToken cancellationToken)
    {
        var kind = manifest is null ? null : TemplateKinds.Find(manifest.ApiVersionName(), manifest.KindName());
        if (kind is not null && manifest is not null)
        {
            var ready = Conditions.IsTrue(context.Cache.Clusters.Get(null, cluster)?["status"] as JsonObject, "Ready");
            var clusterGone = context.Cache.Clusters.Get(null, cluster) is null;
            if (!clusterGone)
            {
                if (member is null || !ready)
                {
                    context.Execution.AddAfter(Informers.Informer.KeyOf(work.Namespace(), work.Name()), TimeSpan.FromSeconds(2), cancellationToken);
                    return;
                }

                try
                {
                    var existing = await member.GetAsync(kind, manifest.Namespace(), manifest.Name(), cancellationToken);
                    if (existing is not null && existing.Label(KarmadaNames.WorkNameLabel) == work.Name() && existing.Label(KarmadaNames.WorkNamespaceLabel) == work.Namespace())
                    {
                        await member.DeleteAsync(kind, manifest.Namespace(), manifest.Name(), cancellationToken);
                    }
                }
                catch (Exception error) when (error is KubeApiException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    LogApplyFailed(context.Logger, work.Namespace() ?? "", work.Name(), error.Message);
                    context.Execution.AddAfter(Informers.Informer.KeyOf(work.Namespace(), work.Name()), TimeSpan.FromSeconds(2), cancellationToken);
                    return;
                }
            }
        }

        await context.Api.UpdateAsync(Kinds.Work, work.Namespace(), work.Name(), current =>
        {
            if (current["metadata"]?["finalizers"] is not JsonArray finalizers)
            {
                return false;
            }

            var kept = finalizers.Where(finalizer => finalizer?.GetValue<string>() != KarmadaNames.ExecutionFinalizer).Select(finalizer => finalizer?.DeepClone()).ToArray();
            if (kept.Length == finalizers.Count)
            {
                return false;
            }

            current["metadata"]!["finalizers"] = new JsonArray(kept);
            return true;
        }, cancellationToken);
    }

    private async Task SetAppliedAsync(JsonObject work, bool applied, string message, CancellationToken cancellationToken)
    {
        var condition = Conditions.Find(work["status"] as JsonObject, "Applied");
        if (condition?["status"]?.GetValue<string>() == (applied ? "True" : "False") && condition?["message"]?.GetValue<string>() == message)
        {
            return;
        }

        var now = context.Time.GetUtcNow();
        await context.Api.UpdateStatusAsync(Kinds.Work, work.Namespace(), work.Name(), current =>
        {
            var status = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            return Conditions.Set(status, "Applied", applied, applied ? "AppliedSuccessful" : "AppliedFailed", message, now);
        }, cancellationToken, work);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {Namespace}/{Name} could not be applied to its member: {Reason}")]
    private static partial void LogApplyFailed(ILogger logger, string @namespace, string name, string reason);
}
