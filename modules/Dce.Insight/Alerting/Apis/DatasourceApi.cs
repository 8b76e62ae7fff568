using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting.Apis;

/// <summary>
/// <c>alert/datasource</c>: the Prometheus query API vmalert reads rules through (<c>-datasource.url</c>), answered from the
/// metrics store with Insight's own credentials, so vmalert holds no credential of the store, whichever store it is. It
/// needs the datasource secret as a bearer token; the rule files' <c>extra_filters[]</c> pass on untouched. vmalert's
/// remote write (the recording rules' results) goes to the store the same way.
/// </summary>
internal static class DatasourceApi
{
    public const string Path = "/alert/datasource";

    public static IEndpointRouteBuilder MapAlertDatasourceApi(this IEndpointRouteBuilder app)
    {
        var datasource = app.MapGroup(InsightPaths.Group + Path).WithTags("Alert").AllowAnonymous().ExcludeFromDescription();
        datasource.MapMethods("/api/v1/query", ["GET", "POST"], (HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<AlertingOptions> options) =>
            ForwardAsync(http, store, options.Value, "/api/v1/query"));
        datasource.MapMethods("/api/v1/query_range", ["GET", "POST"], (HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<AlertingOptions> options) =>
            ForwardAsync(http, store, options.Value, "/api/v1/query_range"));
        datasource.MapPost("/api/v1/write", WriteAsync);
        return app;
    }

    private static async Task<IResult> ForwardAsync(HttpContext http, MetricsStore store, AlertingOptions options, string path)
    {
        if (!BearerSecret.Matches(http, options.DatasourceToken))
        {
            return Unauthorized();
        }

        var parameters = http.Request.Query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")));
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            parameters = parameters.Concat(form.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? ""))));
        }

        var (status, contentType, body) = await store.ForwardAsync(path, parameters.ToList(), http.RequestAborted);
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = contentType ?? "application/json";
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    // vmalert's remote write (-remoteWrite.url, which appends /api/v1/write): the recording rules' results, passed on as they came.
    private static async Task<IResult> WriteAsync(HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<AlertingOptions> options)
    {
        if (!BearerSecret.Matches(http, options.Value.DatasourceToken))
        {
            return Unauthorized();
        }

        // Buffered, so a retried attempt sends the same bytes.
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var (status, message) = await store.RemoteWriteAsync(body.ToArray(), http.Request.ContentType, http.Request.Headers.ContentEncoding.ToString(), http.RequestAborted);
        return (int)status < 300
            ? Results.NoContent()
            : TypedResults.Problem(message, statusCode: (int)status >= 500 ? StatusCodes.Status503ServiceUnavailable : (int)status, title: "The metrics store refused the write");
    }

    private static IResult Unauthorized() =>
        TypedResults.Problem("Present the datasource secret as a bearer token.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
