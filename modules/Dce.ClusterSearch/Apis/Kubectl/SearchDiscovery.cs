using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Apis.Kubectl;

/// <summary>
/// The discovery documents of the indexed types, so kubectl and the client libraries can treat the search path as one
/// cluster: <c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, <c>/apis/{group}</c> and <c>/apis/{group}/{version}</c>. Every type
/// is read-only here (<c>get</c>, <c>list</c>).
/// </summary>
internal static class SearchDiscovery
{
    private static readonly Dictionary<string, string[]> ShortNames = new(StringComparer.Ordinal)
    {
        ["namespaces"] = ["ns"], ["nodes"] = ["no"], ["pods"] = ["po"], ["services"] = ["svc"], ["configmaps"] = ["cm"],
        ["events"] = ["ev"], ["persistentvolumeclaims"] = ["pvc"], ["deployments"] = ["deploy"], ["replicasets"] = ["rs"],
        ["statefulsets"] = ["sts"], ["daemonsets"] = ["ds"], ["cronjobs"] = ["cj"], ["ingresses"] = ["ing"],
    };

    public static JsonObject? CoreVersions(IReadOnlyList<ResourceType> types) =>
        types.Any(t => t.Group.Length == 0)
            ? new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray(CoreVersionNames(types)), ["serverAddressByClientCIDRs"] = new JsonArray() }
            : null;

    public static JsonObject Groups(IReadOnlyList<ResourceType> types) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. types.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct(StringComparer.Ordinal).Select(g => (JsonNode)GroupBody(types, g))]),
    };

    public static JsonObject? Group(IReadOnlyList<ResourceType> types, string group)
    {
        if (!types.Any(t => t.Group == group && group.Length > 0))
        {
            return null;
        }

        var body = GroupBody(types, group);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    public static JsonObject? Resources(IReadOnlyList<ResourceType> types, string group, string version)
    {
        var matching = types.Where(t => t.Group == group && t.Version == version).ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = matching[0].ApiVersion,
            ["resources"] = new JsonArray([.. matching.Select(t => (JsonNode)Resource(t))]),
        };
    }

    private static JsonObject Resource(ResourceType type) => new()
    {
        ["name"] = type.Resource,
        ["singularName"] = type.Kind.ToLowerInvariant(),
        ["namespaced"] = type.Namespaced,
        ["kind"] = type.Kind,
        ["verbs"] = new JsonArray("get", "list"),
        ["shortNames"] = new JsonArray([.. ShortNames.GetValueOrDefault(type.Resource, []).Select(n => (JsonNode)n)]),
    };

    private static JsonNode?[] CoreVersionNames(IReadOnlyList<ResourceType> types) =>
        [.. types.Where(t => t.Group.Length == 0).Select(t => t.Version).Distinct(StringComparer.Ordinal).Select(v => (JsonNode)v)];

    private static JsonObject GroupBody(IReadOnlyList<ResourceType> types, string group)
    {
        // Preferred first: GA over beta over alpha, then the highest.
        var versions = types.Where(t => t.Group == group).Select(t => t.Version).Distinct(StringComparer.Ordinal)
            .OrderByDescending(Stability).ThenByDescending(v => v, StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v })]),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static int Stability(string version) =>
        version.Contains("alpha", StringComparison.Ordinal) ? 0 : version.Contains("beta", StringComparison.Ordinal) ? 1 : 2;
}
