using System.Text.Json.Nodes;
using Dce.Kubernetes.Names;

namespace Dce.KubeSim.Machinery;

/// <summary>The semantic checks the API server makes after decoding: names, required fields, selectors that match.</summary>
public static class ObjectValidation
{
    public static void Validate(ResourceType type, JsonObject obj)
    {
        var causes = new List<FieldCause>();
        var name = obj.Metadata().Str("name") ?? "";
        if (name.Length == 0)
        {
            causes.Add(new FieldCause("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"));
        }
        else if (NameValidation.Problem(type, name) is { } problem)
        {
            causes.Add(FieldCause.InvalidValue("metadata.name", name, problem));
        }
        foreach (var (key, value) in obj.Metadata()["labels"].StringMap())
        {
            if (!KubernetesNames.IsLabelValue(value))
            {
                causes.Add(FieldCause.InvalidValue($"metadata.labels", value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
            }
            if (key.Length == 0)
            {
                causes.Add(FieldCause.InvalidValue("metadata.labels", key, "name part must be non-empty"));
            }
        }
        switch (type.Kind)
        {
            case "Pod":
                CheckPodSpec(obj["spec"], "spec", causes);
                break;
            case "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet":
                CheckWorkload(obj, causes);
                break;
            case "Job":
                CheckPodSpec(obj.At("spec.template.spec"), "spec.template.spec", causes);
                break;
            case "Service":
                foreach (var port in obj.At("spec.ports") as JsonArray ?? [])
                {
                    if (port.Long("port") is not (> 0 and < 65536))
                    {
                        causes.Add(FieldCause.Required("spec.ports[0].port"));
                    }
                }
                break;
            case "ConfigMap" or "Secret":
                foreach (var (key, _) in obj["data"] as JsonObject ?? [])
                {
                    if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                    {
                        causes.Add(FieldCause.InvalidValue($"data[{key}]", key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"));
                    }
                }
                break;
        }
        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type, name, causes);
        }
    }

    private static void CheckWorkload(JsonObject obj, List<FieldCause> causes)
    {
        var selector = obj.At("spec.selector");
        if (selector is null)
        {
            causes.Add(FieldCause.Required("spec.selector"));
            return;
        }
        var templateLabels = obj.At("spec.template.metadata.labels").StringMap();
        var matchLabels = selector["matchLabels"].StringMap();
        if (matchLabels.Count == 0 && selector["matchExpressions"] is null)
        {
            causes.Add(FieldCause.InvalidValue("spec.selector", "{}", "empty selector is invalid for deployment"));
        }
        if (matchLabels.Any(kv => !templateLabels.TryGetValue(kv.Key, out var v) || v != kv.Value))
        {
            causes.Add(FieldCause.InvalidValue("spec.template.metadata.labels", string.Join(",", templateLabels.Select(kv => $"{kv.Key}={kv.Value}")), "`selector` does not match template `labels`"));
        }
        if (obj.At("spec.replicas") is JsonValue replicas && replicas.TryGetValue<long>(out var count) && count < 0)
        {
            causes.Add(FieldCause.InvalidValue("spec.replicas", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
        CheckPodSpec(obj.At("spec.template.spec"), "spec.template.spec", causes);
    }

    private static void CheckPodSpec(JsonNode? spec, string path, List<FieldCause> causes)
    {
        var containers = spec?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            causes.Add(FieldCause.Required(path + ".containers"));
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var containerName = containers[i].Str("name") ?? "";
            if (containerName.Length == 0)
            {
                causes.Add(FieldCause.Required($"{path}.containers[{i}].name"));
            }
            else if (!names.Add(containerName))
            {
                causes.Add(new FieldCause($"{path}.containers[{i}].name", "FieldValueDuplicate", $"Duplicate value: \"{containerName}\""));
            }
            if (string.IsNullOrEmpty(containers[i].Str("image")))
            {
                causes.Add(FieldCause.Required($"{path}.containers[{i}].image"));
            }
        }
    }
}
