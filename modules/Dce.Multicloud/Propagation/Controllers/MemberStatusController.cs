using Dce.Kubernetes.Resources;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's work status controller: reads each Work's object from its member's informer into the Work's
/// <c>status.manifestStatuses</c>, and queues the Work for execution again when the object is gone from the member or
/// was changed there.
/// </summary>
public sealed class MemberStatusController(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var work = context.Cache.Works.Get(ns, name);
        if (work is null || work.IsDeleting() || KarmadaNames.ClusterOf(ns) is not { } cluster
            || !Conditions.IsTrue(work["status"] as JsonObject, "Applied")
            || !Conditions.IsTrue(context.Cache.Clusters.Get(null, cluster)?["status"] as JsonObject, "Ready")
            || work["spec"]?["workload"]?["manifests"]?[0] is not JsonObject manifest
            || TemplateKinds.Find(manifest.ApiVersionName(), manifest.KindName()) is not { } kind
            || context.MemberObjects.For(cluster, kind) is not { } informer
            || !informer.Synced.IsCompleted)
        {
            // A Work not applied yet is the execution controller's; the informer's first list queues its Works again.
            return;
        }

        var memberObject = informer.Get(manifest.Namespace(), manifest.Name());
        if (memberObject is null || !JsonSubset.Contains(memberObject, manifest))
        {
            context.Execution.Add(key);
            return;
        }

        await ReflectAsync(work, kind, memberObject, cancellationToken);
    }

    private async Task ReflectAsync(JsonObject work, ResourceKind kind, JsonObject memberObject, CancellationToken cancellationToken)
    {
        var entry = new JsonObject
        {
            ["identifier"] = new JsonObject
            {
                ["ordinal"] = 0,
                ["group"] = kind.Group,
                ["version"] = kind.Version,
                ["kind"] = kind.Kind,
                ["namespace"] = memberObject.Namespace() ?? "",
                ["name"] = memberObject.Name(),
            },
            ["status"] = StatusInterpreter.Reflect(memberObject),
            ["health"] = StatusInterpreter.Health(memberObject),
        };
        var desired = new JsonArray(entry);
        if (JsonNode.DeepEquals(work["status"]?["manifestStatuses"], desired))
        {
            return;
        }

        await context.Api.UpdateStatusAsync(Kinds.Work, work.Namespace(), work.Name(), current =>
        {
            var status = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            if (JsonNode.DeepEquals(status["manifestStatuses"], desired))
            {
                return false;
            }

            status["manifestStatuses"] = desired.DeepClone();
            return true;
        }, cancellationToken, work);
    }
}
