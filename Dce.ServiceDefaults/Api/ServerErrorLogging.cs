using Dce.ServiceDefaults.Health;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// Logs every answer of 500 or more with its trace id and the exception behind it, whichever part of the pipeline
/// wrote it, so a 5xx a client saw can always be found in the service's log.
/// </summary>
internal sealed partial class ServerErrorLogging(RequestDelegate next, ILogger<ServerErrorLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var status = context.Response.StatusCode;
        // Logged even when the caller has gone: a proxy may close the connection as soon as it has read the answer.
        if (status < StatusCodes.Status500InternalServerError || IsProbe(context.Request.Path))
        {
            return;
        }

        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var trace = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, exception, context.Request.Method, context.Request.Path, trace);
        }
        else
        {
            Failed(logger, exception, context.Request.Method, context.Request.Path, status, trace);
        }
    }

    // A probe's 503 is its answer (not ready, draining), reported by whoever probes.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpoints.ReadyPath) || path.StartsWithSegments(HealthEndpoints.ServingPath) || path.StartsWithSegments(HealthEndpoints.LivePath);

    [LoggerMessage(1, LogLevel.Error, "{Method} {Path} was answered {Status} (trace {TraceId})")]
    private static partial void Failed(ILogger logger, Exception? exception, string method, string path, int status, string traceId);

    [LoggerMessage(2, LogLevel.Warning, "{Method} {Path} was answered 503: a dependency is unavailable (trace {TraceId})")]
    private static partial void Unavailable(ILogger logger, Exception? exception, string method, string path, string traceId);
}
