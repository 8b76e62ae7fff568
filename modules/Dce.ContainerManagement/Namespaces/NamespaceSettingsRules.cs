using Dce.Kubernetes.Names;
using Dce.Kubernetes.Quantities;
using k8s.Models;

namespace Dce.ContainerManagement.Namespaces;

/// <summary>What a namespace's quota and LimitRange must be, checked alike whether they come from a form or a manifest.</summary>
internal static class NamespaceSettingsRules
{
    /// <summary>A quota or limit longer than this is refused before it is parsed.</summary>
    private const int MaxQuantityLength = 64;

    /// <summary>Hard limits: at least one, each a resource name and a Kubernetes quantity.</summary>
    public static Validation Hard(this Validation validation, IReadOnlyDictionary<string, string> hard, string field = "hard")
    {
        validation.Require(hard.Count > 0, field, $"{field} is required: the limits by resource name, e.g. {{\"requests.cpu\": \"2\"}}.");
        foreach (var (key, value) in hard)
        {
            validation.Require(KubernetesNames.IsLabelKey(key), $"{field}[{key}]", $"'{key}' is not a resource name.")
                .Require(value is { Length: <= MaxQuantityLength } && Quantity.TryParse(value, out _), $"{field}[{key}]", $"'{value}' is not a Kubernetes quantity such as 500m, 2 or 4Gi.");
        }

        return validation;
    }

    /// <summary>LimitRange items: at least one, each of type Container, Pod or PersistentVolumeClaim.</summary>
    public static Validation LimitItems(this Validation validation, IReadOnlyList<V1LimitRangeItem> limits, string field = "limits")
    {
        validation.Require(limits.Count > 0, field, $"{field} is required: at least one item with type Container, Pod or PersistentVolumeClaim.");
        foreach (var item in limits)
        {
            validation.Require(item.Type is "Container" or "Pod" or "PersistentVolumeClaim", field, $"type '{item.Type}' is Container, Pod or PersistentVolumeClaim.");
        }

        return validation;
    }
}
