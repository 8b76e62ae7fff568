using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Apis;

/// <summary>
/// Clusterpedia's collection resources: the predefined collections, and one collection's objects (metadata only) of all
/// its types, searched with the resource search's parameters in one query.
/// </summary>
internal static class CollectionResourcesApi
{
    private const string OnlyMetadata = "onlyMetadata";

    public static IEndpointRouteBuilder MapCollectionResourcesApi(this IEndpointRouteBuilder app)
    {
        var collections = app.MapGroup(ApiPaths.CollectionResources).WithTags("Collection resources");
        collections.MapGet("", List).WithName("ListCollectionResources")
            .WithSummary("The predefined collections and the indexed types each searches");
        collections.MapGet("/{name}", SearchAsync).WithName("SearchCollectionResource")
            .WithSummary("The objects of every type of a collection the caller may see, metadata only, in one ordered and paged list");
        return app;
    }

    private static async Task<IResult> List(HttpContext context, [FromServices] IndexedTypes indexed)
    {
        var types = await indexed.AllAsync(context.RequestAborted);
        return Json(CollectionResourceJson.List(ResourceCollections.Names.Select(n => (n, ResourceCollections.TypesOf(n, types)!))));
    }

    private static async Task<IResult> SearchAsync(
        string name,
        HttpContext context,
        [FromServices] CollectionSearch search,
        [FromServices] IndexedTypes indexed,
        [FromServices] IOptions<ClusterSearchOptions> options)
    {
        // Every indexed type, the ones clusters' sync settings chose included.
        if (ResourceCollections.TypesOf(name, await indexed.AllAsync(context.RequestAborted)) is not { } collection)
        {
            return Problems.NotFound($"There is no collection resource '{name}'; the collections are {string.Join(", ", ResourceCollections.Names)}.");
        }

        IReadOnlyList<ResourceType> types;
        SearchQuery query;
        try
        {
            RequireOnlyMetadata(context.Request.Query);
            types = CollectionTypeChoice.Choose(name, collection, context.Request.Query);
            query = SearchQueryParser.Parse(context.Request.Query, null, null, null, options.Value, severalTypes: types.Count > 1);
        }
        catch (SearchQueryException error)
        {
            return Problems.BadRequest(error.Parameter, error.Message);
        }

        if (await CallerScope.ResolveAsync(context) is not { } scope)
        {
            return Problems.ScopeUnavailable(context);
        }

        return Json(await search.SearchAsync(name, types, query, scope, context.RequestAborted));
    }

    private static void RequireOnlyMetadata(IQueryCollection query)
    {
        if (query.TryGetValue(OnlyMetadata, out var value) && !string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new SearchQueryException(OnlyMetadata, "collection resources answer metadata only: onlyMetadata may only be true");
        }
    }

    private static IResult Json(string document) => Results.Text(document, "application/json", System.Text.Encoding.UTF8);
}
