using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.Insight.Alerting.Apis;

/// <summary>Alerting's answers beyond the module's common ones.</summary>
internal static class AlertProblems
{
    /// <summary>404 for what does not exist and for what the caller may not see alike, so nothing leaks.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"No {what} you may see has that name or id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Already exists");

    public static ProblemHttpResult AlertmanagerUnavailable(HttpContext http) =>
        Dce.ServiceDefaults.Api.DependencyUnavailable.Problem(http, "Alertmanager did not answer.");
}
