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

    public JsonObject Of(IEnumerable<JsonObject> objects)
    {
        var filtered = objects.Where(Matches).ToList();
        var key = (SortBy ?? "name").ToLowerInvariant() switch
        {
            "namespace" => (Func<JsonObject, string>)(o => $"{Meta(o, "namespace")}/{Meta(o, "name")}"),
            "cluster" => o => $"{Meta(o, "cluster")}/{Meta(o, "namespace")}/{Meta(o, "name")}",
            "createdat" or "created_at" or "creationtimestamp" => o => $"{Meta(o, "creationTimestamp")}/{Meta(o, "name")}",
            _ => o => $"{Meta(o, "name")}/{Meta(o, "namespace")}/{Meta(o, "cluster")}",
        };
        var sorted = string.Equals(SortDir, "desc", StringComparison.OrdinalIgnoreCase)
            ? filtered.OrderByDescending(key, StringComparer.Ordinal)
            : filtered.OrderBy(key, StringComparer.Ordinal);
        var size = PageSize is null or < 1 ? (PageSize == -1 ? Math.Max(filtered.Count, 1) : ListQuery.DefaultPageSize) : PageSize.Value;
        var page = Page ?? 1;
        var items = sorted.Skip((page - 1) * size).Take(size).Select(o => (JsonNode)o).ToArray();
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

    private static string Meta(JsonObject item, string field) => item["metadata"]?[field]?.ToString() ?? "";
}
