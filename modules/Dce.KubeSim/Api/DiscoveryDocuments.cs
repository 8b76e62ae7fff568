using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>The discovery documents: /version, /api, /apis, /apis/{group} and each group/version's resource list.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version(SimulatedCluster sim)
    {
        var version = sim.Profile.KubernetesVersion.TrimStart('v');
        var parts = version.Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = "v" + version,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.4",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject CoreVersions(HttpContext context) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = context.Request.Host.ToString(),
        }),
    };

    public static JsonObject Groups(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct(StringComparer.Ordinal)
            .Select(g => (JsonNode)GroupBody(catalog, g)).ToArray()),
    };

    public static JsonObject? Group(ResourceCatalog catalog, string group)
    {
        if (!catalog.All.Any(t => t.Group == group))
        {
            return null;
        }
        var body = GroupBody(catalog, group);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    public static JsonObject? Resources(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(Resource(type, type.Plural, type.Kind, type.Verbs, withNames: true));
            if (type.HasStatus)
            {
                resources.Add(Resource(type, type.Plural + "/status", type.Kind, ["get", "patch", "update"], withNames: false));
            }
            if (type.HasScale)
            {
                var scale = Resource(type, type.Plural + "/scale", "Scale", ["get", "patch", "update"], withNames: false);
                scale["group"] = "autoscaling";
                scale["version"] = "v1";
                resources.Add(scale);
            }
            if (type.Kind == "ServiceAccount")
            {
                var token = Resource(type, type.Plural + "/token", "TokenRequest", ["create"], withNames: false);
                token["group"] = "authentication.k8s.io";
                token["version"] = "v1";
                resources.Add(token);
            }
            if (type.HasLog)
            {
                resources.Add(Resource(type, type.Plural + "/log", "Pod", ["get"], withNames: false));
                var eviction = Resource(type, type.Plural + "/eviction", "Eviction", ["create"], withNames: false);
                eviction["group"] = "policy";
                eviction["version"] = "v1";
                resources.Add(eviction);
                resources.Add(Resource(type, type.Plural + "/binding", "Binding", ["create"], withNames: false));
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = types[0].GroupVersion,
            ["resources"] = resources,
        };
    }

    private static JsonObject GroupBody(ResourceCatalog catalog, string group)
    {
        var versions = catalog.All.Where(t => t.Group == group).Select(t => t.Version).Distinct(StringComparer.Ordinal)
            .OrderByDescending(VersionPriority).ThenByDescending(v => v, StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray()),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static int VersionPriority(string version) =>
        version.Contains("alpha", StringComparison.Ordinal) ? 0 : version.Contains("beta", StringComparison.Ordinal) ? 1000 : 2000 + version.Length;

    private static JsonObject Resource(ResourceType type, string name, string kind, IReadOnlyList<string> verbs, bool withNames)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = withNames ? type.Singular : "",
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (withNames && type.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode)s).ToArray());
        }
        if (withNames && type.Categories.Count > 0)
        {
            resource["categories"] = new JsonArray(type.Categories.Select(s => (JsonNode)s).ToArray());
        }
        return resource;
    }
}
