using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Policies;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>The part of a ResourceBinding the detector owns: the template it binds, its replicas and the policy's placement.</summary>
public static class BindingSpec
{
    private static readonly string[] DetectorFields = ["resource", "replicas", "replicaRequirements", "placement", "propagateDeps", "conflictResolution"];
    private static readonly string[] PolicyLabelKeys = [KarmadaNames.PolicyNameLabel, KarmadaNames.PolicyNamespaceLabel, KarmadaNames.ClusterPolicyNameLabel];

    public static JsonObject Desired(JsonObject template, JsonObject? policy)
    {
        var spec = new JsonObject
        {
            ["resource"] = new JsonObject
            {
                ["apiVersion"] = template.ApiVersionName(),
                ["kind"] = template.KindName(),
                ["namespace"] = template.Namespace(),
                ["name"] = template.Name(),
                ["uid"] = template.Uid(),
                ["resourceVersion"] = template.ResourceVersion(),
            },
        };
        if (TemplateKinds.IsWorkload(template.KindName()))
        {
            spec["replicas"] = TemplateKinds.ReplicasOf(template);
            if (PodTemplates.ReplicaRequirements(template) is { } requirements)
            {
                spec["replicaRequirements"] = requirements;
            }
        }

        if (policy is not null)
        {
            spec["placement"] = policy["spec"]?["placement"]?.DeepClone() ?? new JsonObject();
            spec["propagateDeps"] = policy["spec"]?["propagateDeps"]?.GetValue<bool>() ?? false;
            if (policy["spec"]?["conflictResolution"]?.GetValue<string>() is { } conflictResolution)
            {
                spec["conflictResolution"] = conflictResolution;
            }
        }

        return spec;
    }

    public static JsonObject PolicyLabels(MatchedPropagationPolicy? policy) => policy switch
    {
        null => [],
        { Namespace: null } => new JsonObject { [KarmadaNames.ClusterPolicyNameLabel] = policy.Name },
        _ => new JsonObject { [KarmadaNames.PolicyNameLabel] = policy.Name, [KarmadaNames.PolicyNamespaceLabel] = policy.Namespace },
    };

    /// <summary>
    /// Whether the binding already says what the detector wants. The template's resourceVersion alone does not count:
    /// template changes reach the binding controller directly, and rewriting every binding on each status write of its
    /// template would only add load.
    /// </summary>
    public static bool Matches(JsonObject binding, JsonObject desired, JsonObject labels) =>
        DetectorFields.All(field => field == "resource"
            ? SameResource(binding["spec"]?[field], desired[field])
            : JsonNode.DeepEquals(binding["spec"]?[field], desired[field]))
        && PolicyLabelKeys.All(key => binding.Label(key) == labels[key]?.GetValue<string>());

    private static bool SameResource(JsonNode? current, JsonNode? desired)
    {
        if (current is not JsonObject known || desired is not JsonObject wanted)
        {
            return current is null && desired is null;
        }

        return known.Count == wanted.Count && wanted.All(field => field.Key == "resourceVersion" || JsonNode.DeepEquals(known[field.Key], field.Value));
    }

    /// <summary>Writes the detector's fields and labels into <paramref name="binding"/>, keeping the scheduler's and dependencies' fields.</summary>
    public static bool Apply(JsonObject binding, JsonObject desired, JsonObject labels, JsonObject template)
    {
        if (Matches(binding, desired, labels))
        {
            return false;
        }

        var spec = binding["spec"] as JsonObject ?? (JsonObject)(binding["spec"] = new JsonObject());
        foreach (var field in DetectorFields)
        {
            spec.Remove(field);
            if (desired[field] is { } value)
            {
                spec[field] = value.DeepClone();
            }
        }

        foreach (var map in new[] { binding.MetadataMap("labels"), binding.MetadataMap("annotations") })
        {
            foreach (var key in PolicyLabelKeys)
            {
                map.Remove(key);
            }

            foreach (var (key, value) in labels)
            {
                map[key] = value?.DeepClone();
            }
        }

        binding["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(template));
        return true;
    }

    public static JsonObject OwnerReference(JsonObject template) => new()
    {
        ["apiVersion"] = template.ApiVersionName(),
        ["kind"] = template.KindName(),
        ["name"] = template.Name(),
        ["uid"] = template.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = false,
    };
}
