using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ClusterSearch.Apis;

/// <summary>ProblemDetails answers that say what went wrong and what to do.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter '{parameter}'");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Authorization unavailable");
}
