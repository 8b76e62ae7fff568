using System.Net;
using System.Text.Json;
using Dce.ContainerManagement.Clusters;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Answers what a cluster said: a missing cluster 404, an unavailable or unreachable one 503, and a refusal by the
/// cluster (conflict, quota, invalid object) with the cluster's own status code and message.
/// </summary>
internal sealed class ClusterCallExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClusterCallExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var cluster = httpContext.Request.RouteValues["cluster"]?.ToString() ?? httpContext.Request.RouteValues["name"]?.ToString() ?? "?";
        (int Status, string Title, string Detail)? answer = exception switch
        {
            ClusterNotFoundException missing => (404, "Not found", missing.Message),
            ClusterUnavailableException unavailable => (503, "Cluster unavailable", unavailable.Message),
            HttpOperationException refused => FromStatus(cluster, refused),
            HttpRequestException or TaskCanceledException or IOException when !httpContext.RequestAborted.IsCancellationRequested =>
                (503, "Cluster unreachable", $"Cluster {cluster} cannot be reached: {exception.Message}"),
            _ => null,
        };
        if (answer is not { } problem)
        {
            return false;
        }

        logger.LogInformation("Call to cluster {Cluster} answered {Status}: {Detail}", cluster, problem.Status, problem.Detail);
        httpContext.Response.StatusCode = problem.Status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail },
        });
    }

    private static (int, string, string) FromStatus(string cluster, HttpOperationException refused)
    {
        var code = (int)refused.Response.StatusCode;
        var message = refused.Response.Content;
        try
        {
            if (JsonSerializer.Deserialize<V1Status>(refused.Response.Content ?? "") is { Message: { Length: > 0 } said })
            {
                message = said;
            }
        }
        catch (JsonException)
        {
        }

        return refused.Response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when message?.Contains("quota", StringComparison.OrdinalIgnoreCase) != true =>
                (502, "Cluster refused the platform", $"Cluster {cluster} refused the platform's credentials: {message}"),
            >= HttpStatusCode.InternalServerError => (503, "Cluster unavailable", $"Cluster {cluster} could not answer: {message}"),
            _ => (code, "Refused by the cluster", $"Cluster {cluster}: {message}"),
        };
    }
}
