using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// Puts the exception handler and status-code pages in front of everything a service adds, so every error —
/// including 401/403 from authentication and 429 from rate limiting — leaves as ProblemDetails, and every 5xx is logged.
/// </summary>
internal sealed class ErrorPipelineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerErrorLogging>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
