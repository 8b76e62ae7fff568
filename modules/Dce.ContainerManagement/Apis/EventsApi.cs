using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Dce.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Events in DCE's shape (<c>{items, pagination}</c>, newest first): of a namespace, of every namespace of a cluster the
/// caller may see, and the kinds of objects they are about.
/// </summary>
public static class EventsApi
{
    internal const string Resource = "events";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithTags("Events");
        cluster.MapGet("/namespaces/{namespace}/events", ListAsync).WithETag().RequireClusterPermission("list", Resource).WithName("ListEvents")
            .WithSummary("The events of a namespace: of one object with kind and kindName (or name), of a type (Normal, Warning), paged, newest first.");
        cluster.MapGet("/events", ListInClusterAsync).WithName("ListClusterEvents")
            .WithSummary("The events of every namespace of the cluster the caller may see: by involved kind and name, by type, paged, newest first.");
        cluster.MapGet("/events/kinds", KindsAsync).WithName("ListClusterEventKinds")
            .WithSummary("The kinds of objects the cluster's events the caller may see are about.");
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, string @namespace, [AsParameters] EventQuery query, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } invalid)
        {
            return invalid;
        }

        var events = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Events, @namespace,
            query.LabelSelector, query.InvolvedSelector(), cancellationToken);
        return DceJson.Ok(query.Of(events.Select(EventKinds.Normalize)));
    }

    internal static async Task<IResult> ListInClusterAsync([AsParameters] TargetCluster cluster, [AsParameters] EventQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list events in cluster {cluster.Name}.");
        }

        var events = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Events, null,
            query.LabelSelector, query.InvolvedSelector(), cancellationToken);
        return DceJson.Ok(query.Of(Visible(events, scope, cluster.Name).Select(EventKinds.Normalize)));
    }

    internal static async Task<IResult> KindsAsync([AsParameters] TargetCluster cluster, HttpContext http, CancellationToken cancellationToken)
    {
        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list events in cluster {cluster.Name}.");
        }

        var events = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Events, null, cancellationToken: cancellationToken);
        return DceJson.Ok(new JsonObject { ["data"] = new JsonArray([.. EventKinds.InvolvedKinds(Visible(events, scope, cluster.Name)).Select(k => (JsonNode)k)]) });
    }

    private static IEnumerable<JsonObject> Visible(IEnumerable<JsonObject> events, ClusterScope scope, string cluster) =>
        events.Where(e => scope.CoversNamespace(cluster, e["metadata"]?["namespace"]?.ToString() ?? ""));
}

/// <summary>
/// DCE's event query: the involved object by <c>kind</c> and <c>kindName</c> (or <c>name</c>: an event whose object has
/// that name, or whose own name contains it), <c>type</c> (Normal, Warning; repeated), paged and sorted (newest first).
/// </summary>
public sealed record EventQuery(int? Page, int? PageSize, string? SortBy, string? SortDir, string? Kind, string? KindName, [property: FromQuery(Name = "name")] string? NameOrObject,
    [property: FromQuery(Name = "type")] string[]? Type, string? LabelSelector, string? FieldSelector)
{
    private static readonly string[] SortFields = ["SORT_BY_UNSPECIFIED", "created_at", "createdAt", "lastTimestamp", "field_name", "name", "namespace"];

    public IResult? Problem() => new Validation()
        .Require(Page is null or >= 1, "page", "page counts from 1.")
        .Require(PageSize is null or (>= 1 and <= ListQuery.MaxPageSize) or (-1), "pageSize", $"pageSize is from 1 to {ListQuery.MaxPageSize}, or -1 for every item.")
        .Require(SortBy is null || SortFields.Contains(SortBy, StringComparer.OrdinalIgnoreCase), "sortBy", $"sortBy is one of {string.Join(", ", SortFields)}.")
        .Require(SortDir is null || SortDir.Equals("asc", StringComparison.OrdinalIgnoreCase) || SortDir.Equals("desc", StringComparison.OrdinalIgnoreCase), "sortDir", "sortDir is asc or desc.")
        .Require(Kind is null || Kind.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'), "kind", "kind is an object kind such as Pod or Deployment.")
        .Require(KindName is null || !KindName.Any(c => c is ',' or '=' or '!'), "kindName", "kindName is an object's name.")
        is { IsValid: false } invalid ? invalid.Problem() : null;

    /// <summary>The field selector the cluster filters with: the caller's, and the involved object's kind and name when given.</summary>
    public string? InvolvedSelector()
    {
        var terms = new List<string>();
        if (!string.IsNullOrEmpty(FieldSelector))
        {
            terms.Add(FieldSelector);
        }

        if (!string.IsNullOrEmpty(Kind) && !Kind.StartsWith("KIND_UNSPECIFIED", StringComparison.Ordinal) && Kind != "GroupVersionResource")
        {
            terms.Add($"involvedObject.kind={Kind}");
        }

        if (!string.IsNullOrEmpty(KindName))
        {
            terms.Add($"involvedObject.name={KindName}");
        }

        return terms.Count == 0 ? null : string.Join(',', terms);
    }

    public JsonObject Of(IEnumerable<JsonObject> events)
    {
        var filtered = events.Where(Matches).ToList();
        Func<JsonObject, string> key = (SortBy ?? "").ToLowerInvariant() switch
        {
            "field_name" or "name" => e => e["metadata"]?["name"]?.ToString() ?? "",
            "namespace" => e => $"{e["metadata"]?["namespace"]}/{EventKinds.LastSeen(e)}",
            _ => EventKinds.LastSeen,
        };
        var ascending = string.Equals(SortDir, "asc", StringComparison.OrdinalIgnoreCase);
        var sorted = ascending ? filtered.OrderBy(key, StringComparer.Ordinal) : filtered.OrderByDescending(key, StringComparer.Ordinal);
        var size = PageSize is null or < 1 ? (PageSize == -1 ? Math.Max(filtered.Count, 1) : ListQuery.DefaultPageSize) : PageSize.Value;
        var page = Page ?? 1;
        return new JsonObject
        {
            ["items"] = new JsonArray([.. sorted.Skip((page - 1) * size).Take(size).Select(e => (JsonNode)e)]),
            ["pagination"] = new JsonObject { ["total"] = filtered.Count, ["page"] = page, ["pageSize"] = size, ["pages"] = (filtered.Count + size - 1) / size },
        };
    }

    private bool Matches(JsonObject evt)
    {
        var types = (Type ?? []).Where(t => !t.StartsWith("EVENT_TYPE_UNSPECIFIED", StringComparison.Ordinal)).ToList();
        if (types.Count > 0 && !types.Contains(evt["type"]?.ToString() ?? "", StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.IsNullOrEmpty(NameOrObject)
            || evt["involvedObject"]?["name"]?.ToString() == NameOrObject
            || (evt["metadata"]?["name"]?.ToString() ?? "").Contains(NameOrObject, StringComparison.OrdinalIgnoreCase);
    }
}
