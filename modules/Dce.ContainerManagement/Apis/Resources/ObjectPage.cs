using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// One page of objects read from clusters, as DCE answers lists: <c>{"items": [...], "pagination": {...}}</c>, filtered
/// by <c>name</c> (exact) or <c>fuzzyName</c>, sorted by name, namespace, cluster or creation time.
/// </summary>
public sealed record ObjectPage(int? Page, int? PageSize, string? SortBy, string? SortDir, [property: FromQuery(Name = "name")] string? ExactName, string? FuzzyName,
    string? LabelSelector, string? FieldSelector)
{
    private static readonly string[] SortFields = ["name", "field_name", "namespace", "cluster", "createdAt", "created_at", "creationTimestamp"];

    /// <summary>What is wrong with the query, or null.</summary>
    public IResult? Problem()
    {
        var validation = new Validation()
            .Require(Page is null or >= 1, "page", "page counts from 1.")
            .Require(PageSize is null or (>= 1 and <= ListQuery.MaxPageSize) or (-1), "pageSize", $"pageSize is from 1 to {ListQuery.MaxPageSize}, or -1 for every item.")
            .Require(SortBy is null || SortFields.Contains(SortBy, StringComparer.OrdinalIgnoreCase), "sortBy", $"sortBy is one of {string.Join(", ", SortFields)}.")
            .Require(SortDir is null || SortDir.Equals("asc", StringComparison.OrdinalIgnoreCase) || SortDir.Equals("desc", StringComparison.OrdinalIgnoreCase),
                "sortDir", "sortDir is asc or desc.");
        return validation.IsValid ? null : validation.Problem();
    }

    /// <summary>The page of objects that already carry their cluster (<c>metadata.cluster</c>).</summary>
    public JsonObject Of(IEnumerable<JsonObject> stamped) =>
        Of(stamped.Select(o => new ClusterObject(o["metadata"]?["cluster"]?.ToString() ?? "", o)));

    /// <summary>The page of objects of one cluster.</summary>
    public JsonObject Of(IEnumerable<JsonObject> objects, string cluster) => Of(objects.Select(o => new ClusterObject(cluster, o)));

    /// <summary>
    /// The page: filtered, sorted and cut from objects that are only read (they may be shared with a cache), then the
    /// page's objects copied and marked with their cluster (<c>metadata.cluster</c>, as DCE's objects carry it).
    /// </summary>
    public JsonObject Of(IEnumerable<ClusterObject> objects)
    {
        var filtered = objects.Where(o => Matches(o.Object)).ToList();
        var key = (SortBy ?? "name").ToLowerInvariant() switch
        {
            "namespace" => (Func<ClusterObject, string>)(o => $"{Meta(o.Object, "namespace")}/{Meta(o.Object, "name")}/{o.Cluster}"),
            "cluster" => o => $"{o.Cluster}/{Meta(o.Object, "namespace")}/{Meta(o.Object, "name")}",
            "createdat" or "created_at" or "creationtimestamp" => o => $"{Meta(o.Object, "creationTimestamp")}/{Meta(o.Object, "name")}/{o.Cluster}",
            _ => o => $"{Meta(o.Object, "name")}/{Meta(o.Object, "namespace")}/{o.Cluster}",
        };
        var sorted = string.Equals(SortDir, "desc", StringComparison.OrdinalIgnoreCase)
            ? filtered.OrderByDescending(key, StringComparer.Ordinal)
            : filtered.OrderBy(key, StringComparer.Ordinal);
        var size = PageSize is null or < 1 ? (PageSize == -1 ? Math.Max(filtered.Count, 1) : ListQuery.DefaultPageSize) : PageSize.Value;
        var page = Page ?? 1;
        var items = sorted.Skip((page - 1) * size).Take(size).Select(o => (JsonNode)o.Stamped()).ToArray();
        return new JsonObject
        {
            ["items"] = new JsonArray(items),
            ["pagination"] = new JsonObject
            {
                ["total"] = filtered.Count,
                ["page"] = page,
                ["pageSize"] = size,
                ["pages"] = (filtered.Count + size - 1) / size,
            },
        };
    }

    private bool Matches(JsonObject item)
    {
        var name = Meta(item, "name");
        return (string.IsNullOrEmpty(ExactName) || name == ExactName)
            && (string.IsNullOrWhiteSpace(FuzzyName) || name.Contains(FuzzyName.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static string Meta(JsonObject item, string field) => ObjectFields.Metadata(item, field);
}

/// <summary>An object read from a cluster, with the cluster's name.</summary>
public sealed record ClusterObject(string Cluster, JsonObject Object)
{
    /// <summary>A copy of the object carrying its cluster in <c>metadata.cluster</c>.</summary>
    public JsonObject Stamped()
    {
        var copy = Object.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata["cluster"] = Cluster;
        }

        return copy;
    }
}
