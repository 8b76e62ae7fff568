using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Members;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>What a workload's pod template asks for: per-replica requests and the ConfigMaps and Secrets it uses.</summary>
public static class PodTemplates
{
    public static JsonObject? PodSpecOf(JsonObject template) => template["kind"]?.GetValue<string>() switch
    {
        "Deployment" or "StatefulSet" or "Job" => template["spec"]?["template"]?["spec"] as JsonObject,
        "CronJob" => template["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject,
        _ => null,
    };

    /// <summary>Karmada's <c>spec.replicaRequirements</c>: the cpu and memory one replica requests, null when it requests none.</summary>
    public static JsonObject? ReplicaRequirements(JsonObject template)
    {
        var containers = (PodSpecOf(template)?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var requests = new JsonObject();
        foreach (var resource in new[] { "cpu", "memory" })
        {
            var quantities = containers.Select(container => container["resources"]?["requests"]?[resource]).Where(node => node is not null).ToList();
            if (quantities.Count == 1)
            {
                requests[resource] = quantities[0]!.DeepClone();
            }
            else if (quantities.Count > 1)
            {
                requests[resource] = quantities.Sum(ResourceSummary.Parse).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return requests.Count == 0 ? null : new JsonObject { ["resourceRequest"] = requests };
    }

    /// <summary>The ConfigMaps and Secrets the pod template names in volumes, envFrom and env valueFrom, as (kind, name).</summary>
    public static IReadOnlySet<(string Kind, string Name)> Dependencies(JsonObject template)
    {
        var found = new HashSet<(string, string)>();
        if (PodSpecOf(template) is not { } pod)
        {
            return found;
        }

        void Add(string kind, JsonNode? name)
        {
            if (name?.GetValue<string>() is { Length: > 0 } text)
            {
                found.Add((kind, text));
            }
        }

        foreach (var volume in (pod["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Add("ConfigMap", volume["configMap"]?["name"]);
            Add("Secret", volume["secret"]?["secretName"]);
            foreach (var source in (volume["projected"]?["sources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Add("ConfigMap", source["configMap"]?["name"]);
                Add("Secret", source["secret"]?["name"]);
            }
        }

        var containers = new[] { "containers", "initContainers" }.SelectMany(field => (pod[field] as JsonArray ?? []).OfType<JsonObject>());
        foreach (var container in containers)
        {
            foreach (var envFrom in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Add("ConfigMap", envFrom["configMapRef"]?["name"]);
                Add("Secret", envFrom["secretRef"]?["name"]);
            }

            foreach (var env in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Add("ConfigMap", env["valueFrom"]?["configMapKeyRef"]?["name"]);
                Add("Secret", env["valueFrom"]?["secretKeyRef"]?["name"]);
            }
        }

        foreach (var pullSecret in (pod["imagePullSecrets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Add("Secret", pullSecret["name"]);
        }

        return found;
    }
}
