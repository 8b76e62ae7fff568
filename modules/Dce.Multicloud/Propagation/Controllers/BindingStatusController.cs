using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's binding status controller: the Works' statuses become the binding's <c>aggregatedStatus</c> and
/// FullyApplied condition, and the template's own status, summed across members, is written to the control plane.
/// </summary>
public sealed class BindingStatusController(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var binding = context.Cache.Bindings.Get(ns, name);
        if (binding is null || binding.IsDeleting())
        {
            return;
        }

        var targets = BindingController.TargetReplicas(binding).Keys.Order(StringComparer.Ordinal).ToList();
        var works = context.Cache.WorksOf(ns, name).Where(work => !work.IsDeleting())
            .ToDictionary(work => KarmadaNames.ClusterOf(work.Namespace() ?? "") ?? "", StringComparer.Ordinal);
        var aggregated = new JsonArray();
        var memberStatuses = new List<JsonObject>();
        var allApplied = targets.Count > 0;
        foreach (var cluster in targets)
        {
            var work = works.GetValueOrDefault(cluster);
            var applied = Conditions.IsTrue(work?["status"] as JsonObject, "Applied");
            var manifestStatus = work?["status"]?["manifestStatuses"]?[0] as JsonObject;
            allApplied &= applied;
            var item = new JsonObject { ["clusterName"] = cluster, ["applied"] = applied };
            if (manifestStatus?["status"] is JsonObject status)
            {
                item["status"] = status.DeepClone();
                memberStatuses.Add(status);
            }

            item["health"] = manifestStatus?["health"]?.DeepClone() ?? "Unknown";
            if (!applied && Conditions.Find(work?["status"] as JsonObject, "Applied")?["message"]?.GetValue<string>() is { } message)
            {
                item["appliedMessage"] = message;
            }

            aggregated.Add(item);
        }

        await WriteBindingStatusAsync(binding, aggregated, allApplied, cancellationToken);
        if (memberStatuses.Count == targets.Count && binding["spec"]?["resource"] is JsonObject resource)
        {
            await WriteTemplateStatusAsync(resource, memberStatuses, cancellationToken);
        }
    }

    private async Task WriteBindingStatusAsync(JsonObject binding, JsonArray aggregated, bool allApplied, CancellationToken cancellationToken)
    {
        var status = binding["status"] as JsonObject;
        var overrideFailed = Conditions.Find(status, "FullyApplied")?["reason"]?.GetValue<string>() == BindingController.OverrideFailedReason;
        var (reason, message) = allApplied ? ("FullyAppliedSuccess", "All works have been successfully applied") : ("FullyAppliedFailed", "Some works are not applied yet");
        var conditionSays = Conditions.Find(status, "FullyApplied");
        if (JsonNode.DeepEquals(status?["aggregatedStatus"], aggregated)
            && (overrideFailed || conditionSays?["reason"]?.GetValue<string>() == reason))
        {
            return;
        }

        var now = context.Time.GetUtcNow();
        await context.Api.UpdateStatusAsync(Kinds.ResourceBinding, binding.Namespace(), binding.Name(), current =>
        {
            var currentStatus = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            var changed = !JsonNode.DeepEquals(currentStatus["aggregatedStatus"], aggregated);
            currentStatus["aggregatedStatus"] = aggregated.DeepClone();
            if (Conditions.Find(currentStatus, "FullyApplied")?["reason"]?.GetValue<string>() != BindingController.OverrideFailedReason)
            {
                changed |= Conditions.Set(currentStatus, "FullyApplied", allApplied, reason, message, now);
            }

            return changed;
        }, cancellationToken);
    }

    private async Task WriteTemplateStatusAsync(JsonObject resource, List<JsonObject> memberStatuses, CancellationToken cancellationToken)
    {
        var kindName = resource["kind"]?.GetValue<string>() ?? "";
        var kind = TemplateKinds.FindByKind(kindName);
        var ns = resource["namespace"]?.GetValue<string>();
        var name = resource["name"]?.GetValue<string>() ?? "";
        var template = context.Cache.Template(kindName, ns ?? "", name);
        if (kind is null || template is null || StatusInterpreter.Aggregate(template, memberStatuses) is not { } desired)
        {
            return;
        }

        if (JsonSubset.Contains(template["status"], desired) && JsonSubset.Contains(desired, template["status"]))
        {
            return;
        }

        await context.Api.UpdateStatusAsync(kind, ns, name, current =>
        {
            var aggregated = StatusInterpreter.Aggregate(current, memberStatuses)!;
            if (JsonNode.DeepEquals(current["status"], aggregated))
            {
                return false;
            }

            current["status"] = aggregated;
            return true;
        }, cancellationToken);
    }
}
