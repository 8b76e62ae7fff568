using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Writes a failed cluster call as ProblemDetails carrying the cluster's own message (<see cref="ClusterCallProblems"/>).</summary>
internal sealed class ClusterCallExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClusterCallExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ClusterCallProblems.From(exception, httpContext) is not { } problem)
        {
            return false;
        }

        logger.LogInformation("Cluster call answered {Status}: {Detail}", problem.Status, problem.Detail);
        httpContext.Response.StatusCode = problem.Status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail },
        });
    }
}
