using Dce.ClusterSearch.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Apis;

/// <summary>
/// Clusterpedia's resource search: <c>/resources/api/v1/pods</c>, <c>/resources/apis/apps/v1/deployments</c>, the same under
/// <c>/namespaces/{namespace}/</c> and under <c>/resources/clusters/{cluster}/</c>, answering Kubernetes Lists across clusters.
/// </summary>
internal static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup(ApiPaths.Resources).WithTags("Resources");
        foreach (var prefix in new[] { "", "/clusters/{cluster}" })
        {
            resources.MapGet(prefix + "/api/{version}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/api/{version}/namespaces/{namespace}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/namespaces/{namespace}/{resource}", SearchAsync);
        }

        return app;
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context,
        [FromServices] ResourceSearch search,
        [FromServices] IOptions<ClusterSearchOptions> options)
    {
        // One handler serves every route shape; the optional parts are whichever the matched route has.
        var version = (string)context.GetRouteValue("version")!;
        var resource = (string)context.GetRouteValue("resource")!;
        var group = context.GetRouteValue("group") as string;
        var cluster = context.GetRouteValue("cluster") as string;
        var ns = context.GetRouteValue("namespace") as string;
        var type = options.Value.EffectiveResources.FirstOrDefault(t => t.Group == (group ?? "") && t.Version == version && t.Resource == resource);
        if (type is null)
        {
            return Problems.NotFound($"{resource} of {(group is null ? version : group + "/" + version)} is not indexed; indexed types are set in {ClusterSearchOptions.Section}:Resources.");
        }

        if (ns is not null && !type.Namespaced)
        {
            return Problems.NotFound($"{resource} are not namespaced.");
        }

        SearchQuery query;
        try
        {
            query = SearchQueryParser.Parse(context.Request.Query, cluster, ns, options.Value);
        }
        catch (SearchQueryException error)
        {
            return Problems.BadRequest(error.Parameter, error.Message);
        }

        if (await CallerScope.ResolveAsync(context) is not { } scope)
        {
            return Problems.ScopeUnavailable(context);
        }

        var answer = await search.SearchAsync(type, query, scope, Question(context.Request), context.RequestAborted);
        return Results.Text(answer, "application/json", System.Text.Encoding.UTF8);
    }

    private static string Question(HttpRequest request) =>
        request.Path + "?" + string.Join('&', request.Query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + string.Join(',', q.Value.ToArray())));
}
