using Dce.ClusterSearch.Apis.Kubectl;
using Dce.ClusterSearch.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Apis;

/// <summary>
/// Clusterpedia's resource search: <c>/resources/api/v1/pods</c>, <c>/resources/apis/apps/v1/deployments</c>, the same under
/// <c>/namespaces/{namespace}/</c> and under <c>/resources/clusters/{cluster}/</c>, answering Kubernetes Lists (or the Tables
/// kubectl asks for) across clusters; one object by name; and the discovery documents that let kubectl use the path as a
/// cluster.
/// </summary>
internal static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup(ApiPaths.Resources).WithTags("Resources");
        foreach (var prefix in new[] { "", "/clusters/{cluster}" })
        {
            resources.MapGet(prefix + "/api", CoreVersions);
            resources.MapGet(prefix + "/apis", Groups);
            resources.MapGet(prefix + "/apis/{group}", Group);
            resources.MapGet(prefix + "/api/{version}", CoreResources);
            resources.MapGet(prefix + "/apis/{group}/{version}", GroupResources);
            resources.MapGet(prefix + "/api/{version}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/api/{version}/namespaces/{namespace}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/namespaces/{namespace}/{resource}", SearchAsync);
            resources.MapGet(prefix + "/api/{version}/{resource}/{name}", SearchAsync);
            resources.MapGet(prefix + "/api/{version}/namespaces/{namespace}/{resource}/{name}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/{resource}/{name}", SearchAsync);
            resources.MapGet(prefix + "/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}", SearchAsync);
        }

        return app;
    }

    private static async Task<IResult> CoreVersions(HttpContext context, [FromServices] IndexedTypes types) =>
        Json(SearchDiscovery.CoreVersions(await types.AllAsync(context.RequestAborted)));

    private static async Task<IResult> Groups(HttpContext context, [FromServices] IndexedTypes types) =>
        Json(SearchDiscovery.Groups(await types.AllAsync(context.RequestAborted)));

    private static async Task<IResult> Group(string group, HttpContext context, [FromServices] IndexedTypes types) =>
        Json(SearchDiscovery.Group(await types.AllAsync(context.RequestAborted), group));

    private static async Task<IResult> CoreResources(string version, HttpContext context, [FromServices] IndexedTypes types) =>
        Json(SearchDiscovery.Resources(await types.AllAsync(context.RequestAborted), "", version));

    private static async Task<IResult> GroupResources(string group, string version, HttpContext context, [FromServices] IndexedTypes types) =>
        Json(SearchDiscovery.Resources(await types.AllAsync(context.RequestAborted), group, version));

    private static IResult Json(System.Text.Json.Nodes.JsonObject? document) => document is null
        ? Problems.NotFound("Nothing of this API group or version is indexed; indexed types are set in " + ClusterSearchOptions.Section + ":Resources.")
        : Results.Text(document.ToJsonString(), "application/json", System.Text.Encoding.UTF8);

    private static async Task<IResult> SearchAsync(
        HttpContext context,
        [FromServices] ResourceSearch search,
        [FromServices] IndexedTypes types,
        [FromServices] IOptions<ClusterSearchOptions> options)
    {
        // One handler serves every route shape; the optional parts are whichever the matched route has.
        var version = (string)context.GetRouteValue("version")!;
        var resource = (string)context.GetRouteValue("resource")!;
        var group = context.GetRouteValue("group") as string;
        var cluster = context.GetRouteValue("cluster") as string;
        var ns = context.GetRouteValue("namespace") as string;
        var name = context.GetRouteValue("name") as string;
        var type = await types.FindAsync(group ?? "", version, resource, context.RequestAborted);
        if (type is null)
        {
            return Problems.NotFound($"{resource} of {(group is null ? version : group + "/" + version)} is not indexed; indexed types are set in {ClusterSearchOptions.Section}:Resources or a cluster's sync settings.");
        }

        if (ns is not null && !type.Namespaced)
        {
            return Problems.NotFound($"{resource} are not namespaced.");
        }

        SearchQuery query;
        try
        {
            query = SearchQueryParser.Parse(context.Request.Query, cluster, ns, name, options.Value);
        }
        catch (SearchQueryException error)
        {
            return KubernetesStatus.Wanted(context.Request) ? KubernetesStatus.BadRequest(error.Message) : Problems.BadRequest(error.Parameter, error.Message);
        }

        if (await CallerScope.ResolveAsync(context) is not { } scope)
        {
            return Problems.ScopeUnavailable(context);
        }

        var shape = Shape(context.Request, byName: name is not null);
        var answer = await search.SearchAsync(type, query, scope, Question(context.Request), shape, SkipsCache(context.Request), context.RequestAborted);
        return answer is null
            ? KubernetesStatus.NotFound(type, name!)
            : Results.Text(answer, "application/json", System.Text.Encoding.UTF8);
    }

    private static AnswerShape Shape(HttpRequest request, bool byName)
    {
        if (!KubernetesStatus.Wanted(request))
        {
            return byName ? AnswerShape.Object : AnswerShape.List;
        }

        return request.Query["includeObject"].ToString() switch
        {
            "Object" => AnswerShape.TableWithObjects,
            "None" => AnswerShape.TableOnly,
            _ => AnswerShape.Table,
        };
    }

    /// <summary><c>Cache-Control: no-cache</c>: the caller wants an answer read from the index now, not one stored earlier.</summary>
    private static bool SkipsCache(HttpRequest request) =>
        request.GetTypedHeaders().CacheControl is { NoCache: true };

    private static string Question(HttpRequest request) =>
        request.Path + "?" + string.Join('&', request.Query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + string.Join(',', q.Value.ToArray())));
}
