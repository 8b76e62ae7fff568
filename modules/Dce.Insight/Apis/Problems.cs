using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.Insight.Apis;

/// <summary>ProblemDetails answers that say what went wrong and what to do.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter '{parameter}'");

    /// <summary>400 for a query that cannot be parsed, with the 0-based character <paramref name="position"/> at fault.</summary>
    public static ProblemHttpResult InvalidQuery(string parameter, string detail, int position) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid query in '{parameter}'",
            extensions: new Dictionary<string, object?> { ["position"] = position });

    public static ProblemHttpResult OverLimit(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Over a limit");

    /// <summary>503 with <c>Retry-After</c> when Global Management cannot say what the caller may see.</summary>
    public static ProblemHttpResult ScopeUnavailable(HttpContext http) =>
        DependencyUnavailable.Problem(http, "Global Management could not say which clusters you may see.");

    /// <summary>503 with <c>Retry-After</c> when the metrics engine does not answer.</summary>
    public static ProblemHttpResult MetricsUnavailable(HttpContext http) =>
        DependencyUnavailable.Problem(http, "The metrics engine did not answer.");
}
