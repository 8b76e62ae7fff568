using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ClusterSearch.Apis;

/// <summary>ProblemDetails answers that say what went wrong and what to do.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter '{parameter}'");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>503 with <c>Retry-After</c>, in the shape every module gives it, when Global Management cannot say what the caller may see.</summary>
    public static ProblemHttpResult ScopeUnavailable(HttpContext http) =>
        DependencyUnavailable.Problem(http, "Global Management could not say which clusters you may see.");
}
