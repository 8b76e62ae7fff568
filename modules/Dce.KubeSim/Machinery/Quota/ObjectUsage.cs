using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery.Quota;

/// <summary>
/// What one object counts against quota, by quota resource name: <c>count/&lt;resource&gt;[.&lt;group&gt;]</c> for
/// every kind, the legacy counted names (<c>pods</c>, <c>services</c>, <c>configmaps</c>, ...), pod compute and
/// claim storage.
/// </summary>
public static class ObjectUsage
{
    private const string StorageClassSuffix = ".storageclass.storage.k8s.io/";

    private static readonly HashSet<string> LegacyCounted = new(StringComparer.Ordinal)
    {
        "pods", "services", "configmaps", "secrets", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas",
    };

    public static string CountName(ResourceType type) =>
        type.Group.Length == 0 ? $"count/{type.Plural}" : $"count/{type.Plural}.{type.Group}";

    public static Dictionary<string, Quantity> Of(ResourceType type, JsonObject obj)
    {
        var usage = type.Group.Length == 0 && type.Plural == "pods"
            ? PodUsage.Of(obj)
            : new Dictionary<string, Quantity>(StringComparer.Ordinal);
        usage[CountName(type)] = Quantity.Count(1);
        if (type.Group.Length != 0)
        {
            return usage;
        }
        if (LegacyCounted.Contains(type.Plural))
        {
            usage[type.Plural] = Quantity.Count(1);
        }
        if (type.Plural == "services")
        {
            var serviceType = obj.At("spec").Str("type");
            var exposed = serviceType is "NodePort" or "LoadBalancer";
            usage["services.loadbalancers"] = Quantity.Count(serviceType == "LoadBalancer" ? 1 : 0);
            usage["services.nodeports"] = Quantity.Count(exposed ? (obj.At("spec.ports") as JsonArray ?? []).Count : 0);
        }
        if (type.Plural == "persistentvolumeclaims")
        {
            var storage = Quantity.Parse(PodUsage.QuantityText(obj.At("spec.resources.requests"), "storage"));
            usage["requests.storage"] = storage;
            if (obj.At("spec").Str("storageClassName") is { Length: > 0 } storageClass)
            {
                usage[storageClass + StorageClassSuffix + "requests.storage"] = storage;
                usage[storageClass + StorageClassSuffix + "persistentvolumeclaims"] = Quantity.Count(1);
            }
        }
        return usage;
    }

    /// <summary>Whether a quota resource name is one that objects of <paramref name="type"/> count toward.</summary>
    public static bool Tracks(ResourceType type, string resource)
    {
        if (resource == CountName(type))
        {
            return true;
        }
        if (type.Group.Length != 0)
        {
            return false;
        }
        return type.Plural switch
        {
            "pods" => resource is "pods" or "cpu" or "memory" or "ephemeral-storage"
                || (resource.StartsWith("requests.", StringComparison.Ordinal) && resource != "requests.storage")
                || resource.StartsWith("limits.", StringComparison.Ordinal),
            "services" => resource is "services" or "services.loadbalancers" or "services.nodeports",
            "persistentvolumeclaims" => resource is "persistentvolumeclaims" or "requests.storage" || resource.Contains(StorageClassSuffix, StringComparison.Ordinal),
            var plural => LegacyCounted.Contains(plural) && resource == plural,
        };
    }

    /// <summary>Whether a stored object still holds quota: finished or terminating pods do not.</summary>
    public static bool Holds(ResourceType type, StoredObject stored) =>
        !(type.Group.Length == 0 && type.Plural == "pods") || PodUsage.Counts(stored);
}
