using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// Bounds every request body, ahead of anything a service adds: each request's body is read through
/// <see cref="LimitedRequestBody"/>, which refuses with 413 what is larger than the endpoint's limit.
/// </summary>
internal sealed class RequestBodyLimitStartupFilter(IOptions<RequestBodyLimitOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Request.Body = new LimitedRequestBody(context, options.Value.MaxBytes);
            return nextMiddleware(context);
        });
        next(app);
    };
}
