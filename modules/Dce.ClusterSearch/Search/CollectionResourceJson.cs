using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Search;

/// <summary>Clusterpedia's <c>CollectionResource</c> and <c>CollectionResourceList</c> documents.</summary>
internal static class CollectionResourceJson
{
    private const string ApiVersion = "clusterpedia.io/v1beta1";

    /// <summary>The collections with their types and no items.</summary>
    public static string List(IEnumerable<(string Name, IReadOnlyList<ResourceType> Types)> collections) => new JsonObject
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "CollectionResourceList",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. collections.Select(c => (JsonNode)Collection(c.Name, c.Types))]),
    }.ToJsonString();

    /// <summary>
    /// One collection with the page of objects found, each with its type's apiVersion and kind and its metadata (the page
    /// was read with metadata only), its cluster in the annotation the resource search sets.
    /// </summary>
    public static string Write(string name, IReadOnlyList<ResourceType> types, IndexPage page)
    {
        var byType = types.ToDictionary(t => (t.Group, t.Resource));
        var collection = Collection(name, types);
        collection["items"] = new JsonArray([.. page.Rows.Select(r => (JsonNode)KubernetesList.Item(byType[(r.Group, r.Resource)], r.Cluster, r.Json))]);
        if (page.Continue is not null)
        {
            collection["continue"] = page.Continue;
        }

        if (page.RemainingItemCount is { } remaining)
        {
            collection["remainingItemCount"] = remaining;
        }

        return collection.ToJsonString();
    }

    private static JsonObject Collection(string name, IReadOnlyList<ResourceType> types) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "CollectionResource",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["resourceTypes"] = new JsonArray([.. types.Select(t => (JsonNode)new JsonObject
        {
            ["group"] = t.Group,
            ["version"] = t.Version,
            ["resource"] = t.Resource,
            ["kind"] = t.Kind,
        })]),
    };
}
