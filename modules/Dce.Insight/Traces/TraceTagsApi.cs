using Dce.Insight.Apis;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>DCE's tag lookups for the trace search: the span attribute keys in a namespace, and the values of one.</summary>
internal static class TraceTagsApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapTraceTagsApi(this IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup(InsightPaths.Group + "/traces/tags").WithTags("Tracing");
        tags.MapGet("", (HttpContext http, [AsParameters] TagQuery query, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time) =>
            TagsAsync(http, null, query, reader, options.Value, time, found => new TagNames(found)))
            .WithName("Tracing_GetTags").WithSummary("The attribute keys of the spans of a namespace");
        tags.MapGet("/{name}/values", (HttpContext http, string name, [AsParameters] TagQuery query, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time) =>
            TagsAsync(http, name, query, reader, options.Value, time, found => new TagValues(found)))
            .WithName("Tracing_GetTagValues").WithSummary("The values one attribute takes in the spans of a namespace");
        return app;
    }

    internal sealed record TagQuery(string? Cluster, string? Namespace, string[]? ServiceNames, int? Limit, string? Search, string? Start, string? End);

    private static async Task<IResult> TagsAsync<T>(HttpContext http, string? key, TagQuery query, TraceReader reader, TracesOptions options, TimeProvider time,
        Func<List<string>, T> answer)
    {
        if (string.IsNullOrEmpty(query.Cluster) || string.IsNullOrEmpty(query.Namespace))
        {
            return Problems.BadRequest(string.IsNullOrEmpty(query.Cluster) ? "cluster" : "namespace", "Name the 'cluster' and 'namespace' whose spans to look in.");
        }

        var limit = query.Limit ?? options.MaxQueryLimit;
        if (limit < 1 || limit > options.MaxQueryLimit)
        {
            return limit < 1
                ? Problems.BadRequest("limit", "'limit' must be at least 1.")
                : Problems.OverLimit($"'limit' {limit} is over {options.MaxQueryLimit} (Insight:Traces:MaxQueryLimit).");
        }

        var (window, problem) = TimeWindow.Parse(query.Start, query.End, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        var (filter, unavailable) = await TraceServicesApi.ScopedAsync(http, query.Cluster, query.Namespace, window!);
        if (filter is null)
        {
            return unavailable ?? TypedResults.Ok(answer([]));
        }

        if (query.ServiceNames is { Length: > 0 } services)
        {
            filter.Where($"s.service = ANY({filter.Parameter(services)})");
        }

        return TypedResults.Ok(answer(await reader.TagsAsync(filter, key, query.Search, limit, http.RequestAborted)));
    }
}
