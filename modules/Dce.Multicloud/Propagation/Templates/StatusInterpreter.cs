using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>
/// Karmada's resource interpreter for status: what of a member's object is reflected into its Work, whether it is
/// healthy, and how the members' statuses add up into the template's.
/// </summary>
public static class StatusInterpreter
{
    private static readonly string[] ReplicaFields = ["replicas", "readyReplicas", "availableReplicas", "updatedReplicas", "currentReplicas", "unavailableReplicas"];
    private static readonly string[] JobFields = ["active", "succeeded", "failed", "ready"];

    /// <summary>The member object's status, with its generation and the template generation it was made from (to tell when it caught up).</summary>
    public static JsonObject Reflect(JsonObject memberObject)
    {
        var status = memberObject["status"]?.DeepClone() as JsonObject ?? [];
        if (TemplateKinds.IsWorkload(memberObject.KindName()))
        {
            status["generation"] = memberObject.Generation();
            if (long.TryParse(memberObject.Annotation("resourcetemplate.karmada.io/generation"), out var templateGeneration))
            {
                status["resourceTemplateGeneration"] = templateGeneration;
            }
        }

        return status;
    }

    public static string Health(JsonObject memberObject)
    {
        var status = memberObject["status"] as JsonObject;
        switch (memberObject.KindName())
        {
            case "Deployment" or "StatefulSet":
                var desired = memberObject["spec"]?["replicas"]?.GetValue<int>() ?? 1;
                var observed = status?["observedGeneration"]?.GetValue<long>() ?? 0;
                return observed >= memberObject.Generation()
                    && Int(status, "updatedReplicas") >= desired && Int(status, "availableReplicas") >= desired ? "Healthy" : "Unhealthy";
            case "Job":
                return (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
                    .Any(condition => condition["type"]?.GetValue<string>() == "Failed" && condition["status"]?.GetValue<string>() == "True") ? "Unhealthy" : "Healthy";
            default:
                return "Healthy";
        }
    }

    /// <summary>The template's status from the members' reflected statuses; null for kinds whose status is not aggregated.</summary>
    public static JsonObject? Aggregate(JsonObject template, IReadOnlyList<JsonObject> memberStatuses)
    {
        switch (template.KindName())
        {
            case "Deployment" or "StatefulSet":
                var aggregated = Sum(memberStatuses, ReplicaFields);
                var caughtUp = memberStatuses.All(status => status["resourceTemplateGeneration"]?.GetValue<long>() == template.Generation()
                    && status["observedGeneration"]?.GetValue<long>() == status["generation"]?.GetValue<long>());
                var previous = template["status"]?["observedGeneration"]?.GetValue<long>();
                var observedGeneration = caughtUp ? template.Generation() : previous;
                if (observedGeneration is not null)
                {
                    aggregated["observedGeneration"] = observedGeneration;
                }

                return aggregated;
            case "Job":
                var job = Sum(memberStatuses, JobFields);
                if (memberStatuses.Count > 0 && memberStatuses.All(status => status["completionTime"] is not null))
                {
                    job["completionTime"] = memberStatuses.Select(status => status["completionTime"]!.GetValue<string>()).Max(StringComparer.Ordinal);
                }

                if (memberStatuses.Select(status => status["startTime"]?.GetValue<string>()).OfType<string>().Min(StringComparer.Ordinal) is { } start)
                {
                    job["startTime"] = start;
                }

                return job;
            default:
                return null;
        }
    }

    private static JsonObject Sum(IReadOnlyList<JsonObject> statuses, string[] fields)
    {
        var sum = new JsonObject();
        foreach (var field in fields)
        {
            if (statuses.Any(status => status[field] is not null))
            {
                sum[field] = statuses.Sum(status => Int(status, field));
            }
        }

        return sum;
    }

    private static int Int(JsonObject? status, string field) => status?[field]?.GetValue<int>() ?? 0;
}
