namespace Dce.Gateway.Routing;

/// <summary>Gives every request an <c>X-Request-Id</c> (kept when the caller sent a sane one), forwards it and echoes it back.</summary>
public static class RequestIdMiddleware
{
    /// <summary>The header carrying the request id.</summary>
    public const string HeaderName = "X-Request-Id";

    private const int MaxLength = 128;

    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var requestId = IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Request.Headers[HeaderName] = requestId;
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        var logger = context.RequestServices.GetRequiredService<ILogger<GatewayRequest>>();
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("RequestId", requestId) }))
        {
            await next(context);
        }
    });

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

/// <summary>The log category of requests passing through the gateway.</summary>
public sealed class GatewayRequest;
