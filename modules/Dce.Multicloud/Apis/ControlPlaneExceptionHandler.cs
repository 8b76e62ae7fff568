using Dce.Kubernetes.Errors;
using Dce.Kubernetes.Manifests;
using Dce.Multicloud.Instances;
using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Dce.Multicloud.Apis;

/// <summary>
/// Answers a failed call to an instance's API server as a problem: unreachable 503, the control plane's refusal with its
/// own status (409 exists, 422 invalid…), an unreadable manifest 400.
/// </summary>
internal sealed class ControlPlaneExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var instance = httpContext.Request.RouteValues["instance"]?.ToString() ?? "the instance";
        var (status, title, detail) = exception switch
        {
            InstanceUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "Instance unavailable", unavailable.Message),
            ManifestShapeException shape => (StatusCodes.Status400BadRequest, "Invalid object", $"data: {shape.Message}"),
            _ when KubernetesProblems.From(exception, instance, httpContext.RequestAborted.IsCancellationRequested) is { } problem =>
                (problem.Status, problem.Title, problem.Detail),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            DependencyUnavailable.AskToRetry(httpContext);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
