using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// Answers 503 ProblemDetails with <c>Retry-After</c> when middleware or Global Management cannot be reached, so clients
/// and the gateway retry later instead of reading a 500 as a bug or a refusal.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DependencyUnavailable.WhatIsUnreachable(exception) is not { } detail)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        DependencyUnavailable.AskToRetry(httpContext);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = DependencyUnavailable.Title,
                Detail = DependencyUnavailable.Detail(detail),
            },
        });
    }
}
