using Dce.Insight.Apis;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>DCE's service views of the traces: the services with their request rate, error rate and latency, their names and operations.</summary>
internal static class TraceServicesApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapTraceServicesApi(this IEndpointRouteBuilder app)
    {
        var traces = app.MapGroup(InsightPaths.Group + "/traces").WithTags("Tracing");
        traces.MapGet("/services", GetServicesAsync).WithName("Tracing_GetServices").WithSummary("Services with request rate, error rate and latency of their server spans");
        traces.MapGet("/service-names", ListServiceNamesAsync).WithName("Tracing_ListServiceNames").WithSummary("The names of the services that sent spans");
        traces.MapGet("/clusters/{clusterName}/operations", QueryOperationsAsync).WithName("Tracing_QueryOperations").WithSummary("The operations of one service");
        return app;
    }

    internal sealed record ServicesQuery(string? Cluster, string? ClusterName, string? Namespace, string? EndTime, string? Lookback, int? Page, int? PageSize);

    private static async Task<IResult> GetServicesAsync(HttpContext http, [AsParameters] ServicesQuery query, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time)
    {
        var lookback = DefaultLookback;
        if (query.Lookback is { Length: > 0 } text)
        {
            if (!GoDuration.TryParseNanos(text, out var nanos) || nanos <= 0)
            {
                return Problems.BadRequest("lookback", $"'{text}' is not a duration; write it as 15m or 1h.");
            }

            lookback = TimeSpan.FromTicks(nanos / 100);
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 10;
        if (page < 1 || pageSize < 1 || pageSize > options.Value.MaxQueryLimit)
        {
            return pageSize > options.Value.MaxQueryLimit
                ? Problems.OverLimit($"'pageSize' {pageSize} is over {options.Value.MaxQueryLimit} (Insight:Traces:MaxQueryLimit).")
                : Problems.BadRequest(page < 1 ? "page" : "pageSize", "'page' and 'pageSize' start at 1.");
        }

        var (window, problem) = TimeWindow.Parse(null, query.EndTime, lookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        var (filter, unavailable) = await ScopedAsync(http, query.Cluster ?? query.ClusterName, query.Namespace, window!);
        if (filter is null)
        {
            return unavailable ?? TypedResults.Ok(new ServicesPage([], new Pagination(0, page, pageSize, 0)));
        }

        var figures = await reader.ServiceFiguresAsync(filter, serverSpansOnly: true, http.RequestAborted);
        var items = figures.Select(entry => new ServiceItem(entry.Service.Service, entry.Service.Namespace, entry.Service.Cluster,
            entry.Figures.Calls / window!.Seconds, entry.Figures.P50Nanos / 1e6, entry.Figures.P99Nanos / 1e6,
            entry.Figures.Calls == 0 ? 0 : (double)entry.Figures.Errors / entry.Figures.Calls)).ToList();
        return TypedResults.Ok(new ServicesPage([.. items.Skip((page - 1) * pageSize).Take(pageSize)],
            new Pagination(items.Count, page, pageSize, (items.Count + pageSize - 1) / pageSize)));
    }

    private static async Task<IResult> ListServiceNamesAsync(HttpContext http, string? cluster, string? clusterName, string? @namespace, int? maxSize,
        string? start, string? end, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time)
    {
        if (Limit(maxSize, options.Value) is { } invalid)
        {
            return invalid;
        }

        var (window, problem) = TimeWindow.Parse(start, end, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        var (filter, unavailable) = await ScopedAsync(http, cluster ?? clusterName, @namespace, window!);
        return filter is null
            ? unavailable ?? TypedResults.Ok(new ServiceNames([]))
            : TypedResults.Ok(new ServiceNames(await reader.DistinctAsync("service", filter, maxSize ?? options.Value.MaxQueryLimit, http.RequestAborted)));
    }

    private static async Task<IResult> QueryOperationsAsync(HttpContext http, string clusterName, string? @namespace, string? serviceName, int? maxSize,
        string? start, string? end, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time)
    {
        if (string.IsNullOrEmpty(serviceName))
        {
            return Problems.BadRequest("serviceName", "Name the service whose operations to list in 'serviceName'.");
        }

        if (Limit(maxSize, options.Value) is { } invalid)
        {
            return invalid;
        }

        var (window, problem) = TimeWindow.Parse(start, end, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        var (filter, unavailable) = await ScopedAsync(http, clusterName, string.IsNullOrEmpty(@namespace) ? null : @namespace, window!);
        if (filter is null)
        {
            return unavailable ?? TypedResults.Ok(new OperationNames([]));
        }

        filter.Where($"s.service = {filter.Parameter(serviceName)}");
        return TypedResults.Ok(new OperationNames(await reader.DistinctAsync("operation", filter, maxSize ?? options.Value.MaxQueryLimit, http.RequestAborted)));
    }

    private static IResult? Limit(int? maxSize, TracesOptions options) => maxSize switch
    {
        < 1 => Problems.BadRequest("maxSize", "'maxSize' must be at least 1."),
        { } size when size > options.MaxQueryLimit => Problems.OverLimit($"'maxSize' {size} is over {options.MaxQueryLimit} (Insight:Traces:MaxQueryLimit)."),
        _ => null,
    };

    /// <summary>A filter of the window within the caller's scope; no filter when nothing is visible, or with the problem when the scope is unknown.</summary>
    internal static async Task<(SpanFilter? Filter, IResult? Unavailable)> ScopedAsync(HttpContext http, string? cluster, string? ns, TimeWindow window)
    {
        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return (null, Problems.ScopeUnavailable(http));
        }

        var filter = new SpanFilter();
        if (!filter.Visible(scope, cluster, ns))
        {
            return (null, null);
        }

        window.Apply(filter);
        return (filter, null);
    }
}
